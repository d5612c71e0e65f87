import { describe, expect, it } from "vitest";
import type { ReferenceProbe, ReferenceRun } from "../independent.js";
import {
  checkTargets,
  type PeerRow,
  peerSearch,
  peersText,
  speedUp,
  targetsText,
} from "./knn-independent.js";

const versions = {
  tree: "pykdtree" as const,
  version: "1.3",
  numpy: "2.0",
  python: "3.11",
  executable: "/usr/bin/python3",
};
const pyk: ReferenceRun = { available: true, build: 1, query: 7, threads: 2, versions, queries: 4, same: 4 };
const ckd: ReferenceRun = {
  available: true,
  build: 2,
  query: 10,
  threads: 2,
  versions: { ...versions, tree: "ckdtree" },
  queries: 4,
  same: 3,
};
const row: PeerRow = {
  photo: "a.png",
  size: "4x2",
  pixels: 8,
  runSeconds: 2,
  peakRssMiB: 100,
  peers: { pykdtree: pyk, ckdtree: ckd },
};
const probes: Record<"pykdtree" | "ckdtree", ReferenceProbe> = {
  pykdtree: { available: true, versions },
  ckdtree: {
    available: false,
    reason: "python3 with scipy not found; to install it: apt-get install python3-scipy",
  },
};

describe("our whole run against the peers' searches", () => {
  it("counts a peer's build and query as its search, and divides it by our whole run", () => {
    expect(peerSearch(pyk)).toBe(8);
    expect(speedUp(row, "pykdtree")).toBe(4);
    expect(speedUp(row, "ckdtree")).toBe(6);
    expect(peerSearch({ available: false, reason: "x" })).toBeNaN();
    expect(speedUp({ ...row, peers: {} }, "pykdtree")).toBeNaN();
  });

  it("prints a row per photo with both peers, their agreement, and how to install a missing one", () => {
    const text = peersText([row], probes, 2);
    expect(text).toContain("| pykdtree search s (2 threads) | speed-up vs pykdtree |");
    expect(text).toMatch(
      /\| a\.png \| 4x2 +\| +2 \| +100 \| +8 \| +4 \| +12 \| +6 \| pykdtree 4\/4, ckdtree 3\/4 \|/,
    );
    expect(text).toContain(
      "scipy's cKDTree: not available (python3 with scipy not found; to install it: apt-get install python3-scipy)",
    );
    expect(text).toContain("pykdtree 1.3, numpy 2.0, Python 3.11 (/usr/bin/python3)");
  });
});

describe("the speed targets", () => {
  it("says met only when every photo is 2x ahead of pykdtree, and names the ones that are not", () => {
    const slow = { ...row, photo: "b.png", runSeconds: 5 };
    const [ok] = checkTargets([row]);
    expect(ok.met).toBe(true);
    const [bad] = checkTargets([row, slow]);
    expect(bad.met).toBe(false);
    expect(bad.measured).toContain("below 2x: b.png 1.60x");
  });

  it("checks retina, baboon and the 12 MP photograph by their own limits", () => {
    const checks = checkTargets([
      { ...row, photo: "retina.jpg", runSeconds: 2.9 },
      { ...row, photo: "baboon.jpg", runSeconds: 1.2 },
      { ...row, photo: "big.jpg", pixels: 12_192_768, runSeconds: 19, peakRssMiB: 2100, peers: {} },
    ]);
    const text = targetsText(checks);
    expect(text).toContain("- retina.jpg: whole run at most 3 s: 2.90 s: met");
    expect(text).toContain("- baboon.jpg: whole run at most 1 s: 1.20 s: NOT met");
    expect(text).toContain(
      "- big.jpg: whole run at most 20 s, peak RSS at most 2 GiB: 19.00 s, 2100 MiB: NOT met",
    );
  });
});
