import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { gaussianKernel, smoothField } from "./smoothing.js";

const atol = 1e-12;

/** The slow, obvious blur: every pixel a weighted mean over the whole clipped 2-D window. */
function slowBlur(z: Float64Array, c: number, w: number, h: number, sigma: number): Float64Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const out = new Float64Array(z.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        let ws = 0;
        for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
          for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
            const k =
              Math.exp(-((xx - x) ** 2) / (2 * sigma * sigma)) *
              Math.exp(-((yy - y) ** 2) / (2 * sigma * sigma));
            s += k * z[(yy * w + xx) * c + ch];
            ws += k;
          }
        }
        out[(y * w + x) * c + ch] = s / ws;
      }
    }
  }
  return out;
}

describe("gaussianKernel", () => {
  it("is symmetric, sums to 1 and reaches 3 sigma", () => {
    const k = gaussianKernel(1);
    expect(k.length).toBe(7);
    expect(k.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    for (let i = 0; i < 3; i++) expect(k[i]).toBeCloseTo(k[6 - i], 15);
    // Ratio of neighbouring weights at sigma 1: exp(-1/2).
    expect(k[4] / k[3]).toBeCloseTo(Math.exp(-0.5), 14);
  });

  it("refuses a sigma that is not positive", () => {
    expect(() => gaussianKernel(0)).toThrow(/positive/);
    expect(() => gaussianKernel(Number.NaN)).toThrow(/positive/);
  });
});

describe("smoothField", () => {
  it("equals the slow clipped 2-D blur, channel by channel", () => {
    const rng = createRng(3);
    const [w, h, c] = [9, 6, 2];
    const z = new Float64Array(w * h * c);
    for (let i = 0; i < z.length; i++) z[i] = rng.normal();
    for (const sigma of [0.5, 1, 2]) {
      const fast = smoothField(z, c, w, h, sigma);
      const slow = slowBlur(z, c, w, h, sigma);
      for (let i = 0; i < z.length; i++) expect(Math.abs(fast[i] - slow[i])).toBeLessThan(atol);
    }
  });

  it("keeps a constant field constant, up to the band's edges", () => {
    const z = new Float64Array(5 * 4 * 2).fill(0.75);
    for (const v of smoothField(z, 2, 5, 4, 1.5)) expect(v).toBeCloseTo(0.75, 14);
  });

  it("returns a copy with sigma 0 and refuses a field of the wrong size", () => {
    const z = Float64Array.from([1, 2, 3, 4]);
    const out = smoothField(z, 1, 2, 2, 0);
    expect(Array.from(out)).toEqual([1, 2, 3, 4]);
    expect(out).not.toBe(z);
    expect(() => smoothField(z, 2, 2, 2, 1)).toThrow(/is not 2x2x2/);
  });

  it("spreads a single spike by the kernel's weights (hand-worked, 1 x 3 band)", () => {
    // Row [0, 1, 0], sigma 1, r = 3 clipped to the band: the middle keeps w0 / (w0 + 2 w1).
    const w0 = 1;
    const w1 = Math.exp(-0.5);
    const out = smoothField(Float64Array.from([0, 1, 0]), 1, 3, 1, 1);
    expect(out[1]).toBeCloseTo(w0 / (w0 + 2 * w1), 14);
    expect(out[0]).toBeCloseTo(w1 / (w0 + w1 + Math.exp(-2)), 14);
  });
});
