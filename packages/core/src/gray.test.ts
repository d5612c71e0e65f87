import { describe, expect, it } from "vitest";
import { grayOf, toGray, toGray100 } from "./gray.js";
import { makeSplit, splitColumn } from "./split.js";

describe("gray", () => {
  it("uses the weights 0.21, 0.72, 0.07 and keeps the float", () => {
    expect(grayOf(255, 255, 255)).toBe(255);
    expect(grayOf(0, 0, 0)).toBe(0);
    expect(grayOf(100, 0, 0)).toBe(21);
    expect(grayOf(1, 1, 0)).toBe(0.93);
    expect(grayOf(1, 0, 0)).toBe(0.21);
    expect(grayOf(0, 0, 3)).toBe(0.21);
  });
  it("converts images and the exact integer scale agrees", () => {
    const img = { width: 2, height: 1, data: new Uint8Array([10, 20, 30, 255, 0, 7]) };
    const g = toGray(img);
    expect(Array.from(g.data)).toEqual([(210 + 1440 + 210) / 100, (5355 + 49) / 100]);
    expect(Array.from(toGray100(img))).toEqual([1860, 5404]);
  });
});

describe("split", () => {
  it("splits at floor(W/2)", () => {
    expect(splitColumn(6)).toBe(3);
    expect(splitColumn(7)).toBe(3);
    expect(makeSplit(7, 3)).toEqual({ width: 7, height: 3, column: 3, trainWidth: 3, testWidth: 4 });
  });
  it("refuses images too small for a 3x3 patch in each half", () => {
    expect(() => makeSplit(5, 10)).toThrow(/at least 6 pixels wide and 3 tall/);
    expect(() => makeSplit(10, 2)).toThrow(RangeError);
  });
});
