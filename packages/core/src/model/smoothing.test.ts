import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { gaussianKernel, RowBlur, smoothField } from "./smoothing.js";

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

describe("RowBlur", () => {
  const rng = createRng(4);
  const [w, h, c] = [7, 23, 2];
  const z = Float64Array.from({ length: w * h * c }, () => rng.normal());

  /** Pushes `rows` rows at a time and pulls every row as soon as it is ready. */
  function streamed(sigma: number, rows: number): Float64Array {
    const blur = new RowBlur(c, w, h, sigma, rows);
    const out = new Float64Array(z.length);
    let done = 0;
    for (let y = 0; y < h; y += rows) {
      const n = Math.min(rows, h - y);
      blur.push(z.subarray(y * w * c, (y + n) * w * c), n);
      if (blur.ready > done) {
        blur.pull(done, blur.ready, out.subarray(done * w * c));
        done = blur.ready;
      }
    }
    expect(done).toBe(h);
    return out;
  }

  it("blurs a band of rows at a time bit for bit as the whole field at once", () => {
    for (const sigma of [0.5, 2, 4]) {
      const whole = Array.from(smoothField(z, c, w, h, sigma));
      for (const rows of [1, 2, 5, 23])
        expect(Array.from(streamed(sigma, rows)), `${sigma} ${rows}`).toEqual(whole);
    }
  });

  it("passes rows through unchanged with sigma 0", () => {
    expect(Array.from(streamed(0, 3))).toEqual(Array.from(z));
  });

  it("says which rows are ready and refuses rows it does not hold", () => {
    const blur = new RowBlur(c, w, h, 1, 2); // radius 3: a row is ready 3 rows later
    blur.push(z, 2);
    expect(blur.ready).toBe(0);
    blur.push(z.subarray(2 * w * c), 2);
    expect(blur.ready).toBe(1);
    expect(() => blur.pull(0, 2, new Float64Array(2 * w * c))).toThrow(/not in the blur's window/);
    for (let i = 0; i < 3; i++) blur.push(z.subarray((4 + 2 * i) * w * c), 2);
    // Ten rows in, a ring of 2 + 2 * 3 = 8 rows: row 0's window (rows 0 to 3) is gone.
    expect(() => blur.pull(0, 1, new Float64Array(w * c))).toThrow(/not in the blur's window/);
    expect(() => blur.push(z, 20)).toThrow(/cannot push 20 rows/);
  });
});
