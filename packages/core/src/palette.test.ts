import { describe, expect, it } from "vitest";
import { labelPixels, nearestLabel, paintLabels, paletteFromArray, paletteToArray } from "./palette.js";

describe("palette", () => {
  const p = paletteFromArray([
    [0, 0, 0],
    [255, 0, 0],
    [0, 0, 255],
  ]);
  it("labels the nearest colour, ties to the lower index", () => {
    expect(nearestLabel(p, 10, 10, 10)).toBe(0);
    expect(nearestLabel(p, 200, 0, 0)).toBe(1);
    // (128,0,128) is equally far from red and blue (32513) and farther from black (32768).
    expect(nearestLabel(p, 128, 0, 128)).toBe(1);
    expect(nearestLabel(p, 100, 0, 100)).toBe(0);
    const tie = paletteFromArray([
      [0, 0, 0],
      [2, 0, 0],
    ]);
    expect(nearestLabel(tie, 1, 0, 0)).toBe(0);
  });
  it("labels and paints buffers", () => {
    const rgb = Uint8Array.from([250, 5, 5, 3, 3, 240, 0, 0, 0]);
    const labels = labelPixels(p, rgb);
    expect(Array.from(labels)).toEqual([1, 2, 0]);
    expect(Array.from(paintLabels(p, labels))).toEqual([255, 0, 0, 0, 0, 255, 0, 0, 0]);
    expect(paletteToArray(p)).toEqual([
      [0, 0, 0],
      [255, 0, 0],
      [0, 0, 255],
    ]);
  });
  it("refuses malformed palettes in one line", () => {
    expect(() => paletteFromArray([])).toThrow("palette must be a non-empty array");
    expect(() => paletteFromArray([[0, 0]])).toThrow("palette colour 0 is not [r, g, b]");
    expect(() => paletteFromArray([[0, 0, 256]])).toThrow("channels are integers 0..255");
    expect(() => paletteFromArray([[0, 0, 1.5]])).toThrow(RangeError);
  });
});
