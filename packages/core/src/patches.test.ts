import { describe, expect, it } from "vitest";
import { extractPatches } from "./patches.js";

describe("extractPatches", () => {
  // 4x3 image, values = 10*y + x
  const w = 4;
  const h = 3;
  const g = Float64Array.from({ length: w * h }, (_, i) => 10 * Math.floor(i / w) + (i % w));
  it("replicates edges inside the band, never reading across it", () => {
    // Left band = columns [0, 2): the patch of pixel (1, 0) clamps x to 1, y to 0.
    const left = extractPatches(g, w, h, 0, 2, 3);
    expect(left.length).toBe(2 * 3 * 9);
    expect(Array.from(left.subarray(9, 18))).toEqual([0, 1, 1, 0, 1, 1, 10, 11, 11]);
    // Right band = columns [2, 4): the patch of pixel (2, 2) clamps x to >= 2 and y to <= 2.
    const right = extractPatches(g, w, h, 2, 4, 3);
    const p = right.subarray((2 * 2 + 0) * 9, (2 * 2 + 1) * 9);
    expect(Array.from(p)).toEqual([12, 12, 13, 22, 22, 23, 22, 22, 23]);
    expect(right).toBeInstanceOf(Float64Array);
  });
  it("keeps the element type and supports 1x1 and 5x5 patches", () => {
    const i32 = Int32Array.from(g);
    expect(extractPatches(i32, w, h, 0, 4, 1)).toEqual(i32);
    const five = extractPatches(i32, w, h, 0, 4, 5);
    expect(five).toBeInstanceOf(Int32Array);
    expect(Array.from(five.subarray(0, 5))).toEqual([0, 0, 0, 1, 2]);
  });
  it("refuses even sizes and bad bands", () => {
    expect(() => extractPatches(g, w, h, 0, 2, 2)).toThrow(RangeError);
    expect(() => extractPatches(g, w, h, 2, 2, 3)).toThrow(RangeError);
  });
});
