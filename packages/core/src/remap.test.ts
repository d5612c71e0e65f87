import { describe, expect, it } from "vitest";
import { createRng } from "./prng.js";
import { grayStats, remapGray } from "./remap.js";

const atol = 1e-9;

describe("luminance remapping", () => {
  it("computes the population mean and standard deviation (hand-worked)", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, variance 32 / 8 = 4.
    expect(grayStats(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9))).toEqual({ mean: 5, std: 2 });
    expect(() => grayStats(new Float64Array(0))).toThrow(RangeError);
  });

  it("gives the target the reference's mean and spread when nothing is clamped", () => {
    const rng = createRng(3);
    const g = Float64Array.from({ length: 500 }, () => 100 + rng.next() * 40);
    const to = { mean: 120, std: 30 };
    const r = remapGray(g, grayStats(g), to);
    const s = grayStats(r);
    expect(Math.abs(s.mean - to.mean)).toBeLessThan(atol);
    expect(Math.abs(s.std - to.std)).toBeLessThan(atol);
    // An affine map keeps the order of the pixels.
    for (let i = 1; i < g.length; i++) expect(Math.sign(r[i] - r[0])).toBe(Math.sign(g[i] - g[0]));
  });

  it("clamps to [0, 255], maps a constant image to the reference mean and leaves its input alone", () => {
    const g = Float64Array.of(0, 128, 255);
    const copy = Float64Array.from(g);
    expect([...remapGray(g, { mean: 128, std: 10 }, { mean: 128, std: 40 })]).toEqual([0, 128, 255]);
    expect(g).toEqual(copy);
    expect([...remapGray(Float64Array.of(7, 7), { mean: 7, std: 0 }, { mean: 90, std: 5 })]).toEqual([
      90, 90,
    ]);
  });
});
