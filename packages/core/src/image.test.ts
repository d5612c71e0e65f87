import { describe, expect, it } from "vitest";
import { toGray } from "./gray.js";
import { grayToRgb } from "./image.js";

describe("grayToRgb", () => {
  it("paints R = G = B = round(0.21 R + 0.72 G + 0.07 B)", () => {
    // 0.21 * 255 = 53.55 -> 54; 0.21 * 10 + 0.72 * 20 + 0.07 * 30 = 18.6 -> 19.
    const rgb = { width: 2, height: 1, data: Uint8Array.of(255, 0, 0, 10, 20, 30) };
    expect([...grayToRgb(toGray(rgb)).data]).toEqual([54, 54, 54, 19, 19, 19]);
  });
  it("rounds halves up and keeps the shape", () => {
    const out = grayToRgb({ width: 1, height: 3, data: Float64Array.of(0.5, 254.5, 0.49) });
    expect(out.width).toBe(1);
    expect(out.height).toBe(3);
    expect([...out.data]).toEqual([1, 1, 1, 255, 255, 255, 0, 0, 0]);
  });
});
