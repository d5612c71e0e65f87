import { describe, expect, it } from "vitest";
import { toGray100 } from "../gray.js";
import { scrambleEqualGray, syntheticImage } from "./synthetic.js";

describe("synthetic scenes", () => {
  it("are reproducible from their seed", () => {
    expect(Array.from(syntheticImage(24, 12, 3).data)).toEqual(Array.from(syntheticImage(24, 12, 3).data));
    expect(Array.from(syntheticImage(24, 12, 3).data)).not.toEqual(
      Array.from(syntheticImage(24, 12, 4).data),
    );
  });
  it("scramble keeps every gray and the left half, and changes most right-half colours", () => {
    const img = syntheticImage(24, 12, 0);
    const twin = scrambleEqualGray(img, 12, 1);
    expect(Array.from(toGray100(twin))).toEqual(Array.from(toGray100(img)));
    let changed = 0;
    for (let y = 0; y < 12; y++) {
      for (let x = 0; x < 24; x++) {
        const o = (y * 24 + x) * 3;
        const same =
          img.data[o] === twin.data[o] &&
          img.data[o + 1] === twin.data[o + 1] &&
          img.data[o + 2] === twin.data[o + 2];
        if (x < 12) expect(same).toBe(true);
        else if (!same) changed++;
      }
    }
    expect(changed).toBeGreaterThan(0.9 * 12 * 12);
  });
});
