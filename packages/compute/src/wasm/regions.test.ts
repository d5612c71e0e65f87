import { describe, expect, it } from "vitest";
import { alignUp, checkRegions, packRegions } from "./regions.js";

describe("memory regions", () => {
  it("places regions in order, each at the next multiple of its alignment", () => {
    // 100 -> 112 (16-aligned) + 36 = 148 -> 148 (4) + 6 = 154 -> 160 (8) + 24 = 184.
    const packed = packRegions(100, {
      blocks: { bytes: 36, align: 16 },
      ints: { bytes: 6, align: 4 },
      doubles: { bytes: 24, align: 8 },
    });
    expect(packed).toEqual({ offsets: { blocks: 112, ints: 148, doubles: 160 }, end: 184 });
    expect(alignUp(184, 16)).toBe(192);
    expect(alignUp(192, 16)).toBe(192);
  });

  it("refuses misaligned, overlapping or out-of-bounds regions, naming them", () => {
    const r = (name: string, offset: number, bytes: number, align: number) => ({
      name,
      offset,
      bytes,
      align,
    });
    expect(() => checkRegions([r("a", 4, 8, 8)])).toThrow(/region a: offset 4 is not a multiple of 8/);
    expect(() => checkRegions([r("a", 0, 8, 3)])).toThrow(/alignment 3 is not a power of two/);
    expect(() => checkRegions([r("a", 0, 16, 8), r("b", 8, 8, 8)])).toThrow(/regions a and b overlap at 8/);
    expect(() => checkRegions([r("a", 0, 16, 8)], 12)).toThrow(/region a: ends at 16, past 12/);
    expect(() => checkRegions([r("a", 0, -1, 8)])).toThrow(/bad size -1/);
    // Empty regions may share an offset; touching regions do not overlap.
    expect(() => checkRegions([r("a", 0, 8, 8), r("b", 8, 0, 8), r("c", 8, 8, 8)], 16)).not.toThrow();
  });
});
