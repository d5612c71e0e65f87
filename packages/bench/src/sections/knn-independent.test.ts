import { describe, expect, it } from "vitest";
import type { ReferenceRun } from "../independent.js";
import type { PhotoRun } from "./knn.js";
import { compareWithIndependent, independentText } from "./knn-independent.js";

const run: PhotoRun = {
  photo: "a.png",
  width: 4,
  height: 2,
  decode: 0.1,
  kmeans: 0.2,
  index: 0.5,
  search: 1,
  vote: 0.1,
  encode: 0.1,
  total: 2,
  cpu: 3,
  peakRssMiB: 100,
  backend: "js",
  mismatches: 0,
  checked: 4,
};
const versions = { scipy: "1.0", numpy: "2.0", python: "3.11" };
const ref: ReferenceRun = { available: true, build: 1, query: 8, versions, queries: 4, same: 3 };

describe("the comparison with scipy's cKDTree", () => {
  it("divides its times by ours: search by search, build + search by index + search, search by total", () => {
    expect(compareWithIndependent(run, ref)).toEqual({
      queries: 4,
      scipyBuild: 1,
      scipySearch: 8,
      searchSpeedUp: 8,
      indexSearchSpeedUp: 6,
      totalSpeedUp: 4,
      sameDistances: 3,
    });
    expect(compareWithIndependent(run, { available: false, reason: "x" })).toBeUndefined();
    expect(compareWithIndependent(run, undefined)).toBeUndefined();
  });

  it("prints a row per photo, a line per photo it skipped, and the versions", () => {
    const skipped = { available: false as const, reason: "too big" };
    const text = independentText(
      [
        { run, independent: ref, vsIndependent: compareWithIndependent(run, ref) },
        { run: { ...run, photo: "b.jpg" }, independent: skipped },
      ],
      { available: true, versions },
    );
    expect(text).toContain("| a.png |       4 |                     1 |                                 8 |");
    expect(text).toContain("| 3/4            |");
    expect(text).toContain("b.jpg: independent reference not run (too big)");
    expect(text).toContain("scipy 1.0, numpy 2.0, Python 3.11.");
  });

  it("says in one line when Python with scipy is missing", () => {
    const text = independentText([{ run }], { available: false, reason: "python3 with scipy not found" });
    expect(text).toBe("independent reference: not available (python3 with scipy not found)");
  });
});
