import { describe, expect, it } from "vitest";
import { EnsembleAccumulator, noveltyScale } from "./ensemble.js";

describe("EnsembleAccumulator", () => {
  it("averages members' outputs with lambda 0", () => {
    const acc = new EnsembleAccumulator(2, 2);
    acc.add(Float64Array.from([1, 2, 3, 4]));
    acc.add(Float64Array.from([3, 2, 1, 0]));
    expect(Array.from(acc.combine(0, new Float64Array(4)))).toEqual([2, 2, 2, 2]);
  });

  it("shrinks each pixel by 1 - lambda v / |m|^2, clamped at 0 (hand-worked)", () => {
    const acc = new EnsembleAccumulator(2, 2);
    // Pixel 0: members (2, 0) and (4, 0): m = (3, 0), v = 1, factor 1 - 1/9.
    // Pixel 1: members (1, 0) and (-1, 0): m = 0, nothing to keep.
    acc.add(Float64Array.from([2, 0, 1, 0]));
    acc.add(Float64Array.from([4, 0, -1, 0]));
    const out = acc.combine(1, new Float64Array(4));
    expect(out[0]).toBeCloseTo(3 * (8 / 9), 14);
    expect(out[1]).toBe(0);
    expect(out[2]).toBe(0);
    expect(out[3]).toBe(0);
    // lambda 9 removes pixel 0's colour exactly; more clamps at 0 rather than flipping it.
    expect(acc.combine(9, new Float64Array(4))[0]).toBeCloseTo(0, 14);
    expect(acc.combine(20, new Float64Array(4))[0]).toBe(0);
  });

  it("leaves agreeing members' mean alone whatever lambda", () => {
    const acc = new EnsembleAccumulator(1, 3);
    acc.add(Float64Array.from([1, -2, 0.5]));
    acc.add(Float64Array.from([1, -2, 0.5]));
    expect(Array.from(acc.combine(5, new Float64Array(3)))).toEqual([1, -2, 0.5]);
  });

  it("judges an extra member as if it had been added, without adding it", () => {
    const a = new EnsembleAccumulator(2, 1);
    a.add(Float64Array.from([1, 5]));
    const extra = Float64Array.from([3, 1]);
    const judged = a.combine(0.5, new Float64Array(2), extra);
    expect(a.count).toBe(1);
    const b = new EnsembleAccumulator(2, 1);
    b.add(Float64Array.from([1, 5]));
    b.add(extra);
    expect(Array.from(judged)).toEqual(Array.from(b.combine(0.5, new Float64Array(2))));
  });

  it("does not shrink a single member, and refuses outputs of the wrong size", () => {
    const acc = new EnsembleAccumulator(1, 2);
    acc.add(Float64Array.from([0.2, 0.1]));
    expect(Array.from(acc.combine(4, new Float64Array(2)))).toEqual([0.2, 0.1]);
    expect(() => acc.add(new Float64Array(3))).toThrow(/expected 2 outputs/);
    expect(() => new EnsembleAccumulator(1, 1).combine(1, new Float64Array(1))).toThrow(/no members/);
  });
});

describe("the novelty rule", () => {
  it("sums the members' variance about their mean over the pixels (hand-worked)", () => {
    const acc = new EnsembleAccumulator(2, 2);
    // Pixel 0: (2, 0) and (4, 0): variance 1. Pixel 1: (1, 1) and (-1, -1): mean 0, variance 2.
    acc.add(Float64Array.from([2, 0, 1, 1]));
    acc.add(Float64Array.from([4, 0, -1, -1]));
    expect(acc.spread()).toBeCloseTo(3, 14);
    const one = new EnsembleAccumulator(1, 2);
    one.add(Float64Array.from([5, 6]));
    expect(one.spread()).toBe(0);
  });

  it("scales by (t / r)^p (sqrt by default) once the band's disagreement is more than t times the strip's", () => {
    expect(noveltyScale(4, 1, 4)).toBe(1);
    expect(noveltyScale(16, 1, 4)).toBeCloseTo(0.5, 14);
    expect(noveltyScale(100, 2, 2)).toBeCloseTo(0.2, 14);
    // Off: no threshold, no strip disagreement to compare with, or none on the band.
    expect(noveltyScale(100, 1, 0)).toBe(1);
    expect(noveltyScale(100, 0, 4)).toBe(1);
    expect(noveltyScale(0, 1, 4)).toBe(1);
    // A floor on the strip's disagreement: r = band / max(strip, floor).
    expect(noveltyScale(8, 1, 4, 4)).toBe(1);
    expect(noveltyScale(64, 1, 4, 4)).toBeCloseTo(0.5, 14);
    expect(noveltyScale(16, 1, 4, 0.5)).toBeCloseTo(0.5, 14);
    // The exponent p: (t / r)^p, the square root by default.
    expect(noveltyScale(16, 1, 4, 0, 1)).toBeCloseTo(0.25, 14);
    expect(noveltyScale(100, 2, 2, 0, 2)).toBeCloseTo(0.0016, 14);
    expect(noveltyScale(64, 1, 4, 4, 1)).toBeCloseTo(0.25, 14);
    expect(noveltyScale(16, 1, 4, 0, 0)).toBe(1);
    expect(noveltyScale(3, 1, 4, 0, 2)).toBe(1);
  });
});
