import { describe, expect, it } from "vitest";
import { calibrateSetting, type DecodeWith } from "./calibrate.js";

/** Paints every pixel gray `setting * z`, so a hand-picked score can prefer one setting. */
const decodeWith: DecodeWith<number> = (s, z, n, _gray, rgb) => {
  for (let i = 0; i < n; i++) rgb.fill(Math.round(s * z[i]), 3 * i, 3 * i + 3);
};
const z = Float64Array.from([10, 20]);
const gray = new Float64Array(2);

describe("calibrateSetting", () => {
  it("keeps the candidate of the lowest score, the first of equal ones", () => {
    // Score: distance of the first pixel's value from 15: s = 1.5 is best; 1.4 and 1.6 tie behind it.
    const score = (rgb: Uint8Array) => Math.abs(rgb[0] - 15);
    expect(calibrateSetting([1, 1.4, 1.5, 1.6], 9, decodeWith, z, 2, gray, score)).toBe(1.5);
    expect(calibrateSetting([1, 1.6, 1.4], 9, decodeWith, z, 2, gray, score)).toBe(1.6);
  });

  it("decodes every candidate once, on every row of the strip", () => {
    const seen: number[][] = [];
    calibrateSetting([2, 3], 1, decodeWith, z, 2, gray, (rgb) => {
      seen.push([rgb[0], rgb[3]]);
      return 0;
    });
    expect(seen).toEqual([
      [20, 40],
      [30, 60],
    ]);
  });

  it("keeps the current setting when no candidate scores below infinity", () => {
    expect(calibrateSetting([1, 2], 7, decodeWith, z, 2, gray, () => Number.NaN)).toBe(7);
    expect(calibrateSetting([], 7, decodeWith, z, 2, gray, () => 0)).toBe(7);
  });
});
