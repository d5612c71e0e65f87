import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { computeFeatures, type FeatureOptions, featureBands, fitFeatures } from "./features.js";
import { featureDim, RawFeaturePixels, RawFeatureRows, rawFeatures } from "./raw-features.js";
import { mirrorBand } from "./training-rows.js";

function randomGray(w: number, h: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const g = new Float64Array(w * h);
  for (let i = 0; i < g.length; i++) g[i] = (21 * rng.int(256) + 72 * rng.int(256) + 7 * rng.int(256)) / 100;
  return g;
}

const options: readonly FeatureOptions[] = [
  { patchSize: 3, pca: 0, localStd: true, context: [2, 4, 8] },
  { patchSize: 5, pca: 4, localStd: true, context: [1, 16], row: true },
  { patchSize: 1, pca: 0, localStd: false, context: [] },
  { patchSize: 3, pca: 0, localStd: true, context: [2], gradient: [2, 6], row: true },
  { patchSize: 3, pca: 0, localStd: false, context: [], gradient: [1, 40] },
];

describe("features in bands of rows", () => {
  // Exact equality, not a tolerance: prediction in bands must give the same bytes as before.
  for (const o of options) {
    it(`equal the whole band's features bit for bit (patch ${o.patchSize}, pca ${o.pca}, context ${o.context})`, () => {
      const [w, h] = [13, 37];
      const gray = randomGray(w, h, 1);
      const state = fitFeatures(o, gray, w, h);
      const whole = computeFeatures(state, gray, w, h);
      for (const rows of [1, 2, 5, 17, 36, 37, 100]) {
        const got = new Float64Array(whole.length);
        let next = 0;
        for (const band of featureBands(state, gray, w, h, rows)) {
          expect(band.y0).toBe(next);
          expect(band.y1 - band.y0).toBeLessThanOrEqual(rows);
          got.set(band.x, band.y0 * w * state.dim);
          next = band.y1;
        }
        expect(next).toBe(h);
        expect(Array.from(got), `${rows} rows per band`).toEqual(Array.from(whole));
      }
    });
  }

  it("refuse rows asked for out of order or in bands larger than their window", () => {
    const [w, h] = [6, 30];
    const gray = randomGray(w, h, 2);
    const o: FeatureOptions = { patchSize: 3, pca: 0, localStd: false, context: [3] };
    const raw = new RawFeatureRows(o, gray, w, h, 4);
    const dim = 9 + 2;
    const band = new Float64Array(4 * w * dim);
    raw.rows(0, 4, band);
    raw.rows(20, 24, band);
    expect(() => raw.rows(4, 8, band)).toThrow(/top to bottom, at most 4 at a time/);
    const again = new RawFeatureRows(o, gray, w, h, 4);
    expect(() => again.rows(0, 20, new Float64Array(20 * w * dim))).toThrow(/at most 4/);
    // The whole band at once is what rawFeatures computes.
    const whole = rawFeatures(o, gray, w, h);
    expect(
      Array.from(new RawFeatureRows(o, gray, w, h, h).rows(0, h, new Float64Array(whole.length))),
    ).toEqual(Array.from(whole));
  });
});

/**
 * The gradient windows' features of pixel (x, y), written from the definition: central
 * differences with neighbours clamped to the band, then every pixel of the clipped window
 * visited and averaged.
 */
function slowTensor(gray: Float64Array, w: number, h: number, x: number, y: number, r: number): number[] {
  const g = (xx: number, yy: number) =>
    gray[Math.min(Math.max(yy, 0), h - 1) * w + Math.min(Math.max(xx, 0), w - 1)];
  let [a, b, c, n] = [0, 0, 0, 0];
  for (let yy = y - r; yy <= y + r; yy++) {
    for (let xx = x - r; xx <= x + r; xx++) {
      if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
      const gx = (g(xx + 1, yy) - g(xx - 1, yy)) / 2;
      const gy = (g(xx, yy + 1) - g(xx, yy - 1)) / 2;
      a += gx * gx;
      b += gy * gy;
      c += gx * gy;
      n++;
    }
  }
  [a, b, c] = [a / n, b / n, c / n];
  return [Math.sqrt(a + b), (a - b) / (a + b + 1), (2 * c) / (a + b + 1)];
}

describe("gradient windows", () => {
  it("hold the structure tensor of each clipped window, as a per-window sum gives it", () => {
    const [w, h] = [11, 17];
    const gray = randomGray(w, h, 3);
    const o: FeatureOptions = { patchSize: 3, pca: 0, localStd: true, context: [2], gradient: [1, 3, 9] };
    const dim = featureDim(o);
    expect(dim).toBe(9 + 1 + 2 + 9);
    const raw = rawFeatures(o, gray, w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const want = o.gradient!.flatMap((r) => slowTensor(gray, w, h, x, y, r));
        const got = Array.from(raw.subarray((y * w + x) * dim + 12, (y * w + x + 1) * dim));
        for (let j = 0; j < want.length; j++)
          expect(got[j], `(${x}, ${y}) value ${j}`).toBeCloseTo(want[j], 9);
      }
    }
  });

  it("are the same features from bands of rows and from single pixels, bit for bit", () => {
    const [w, h] = [9, 23];
    const gray = randomGray(w, h, 4);
    const o: FeatureOptions = {
      patchSize: 3,
      pca: 0,
      localStd: false,
      context: [4],
      gradient: [2, 6],
      row: true,
    };
    const whole = rawFeatures(o, gray, w, h);
    const dim = featureDim(o);
    const pixels = new RawFeaturePixels(o, gray, w, h);
    const one = new Float64Array(dim);
    for (let p = w * h - 1; p >= 0; p -= 5) {
      pixels.pixel(p, one, 0);
      expect(Array.from(one)).toEqual(Array.from(whole.subarray(p * dim, (p + 1) * dim)));
    }
    const rows = new RawFeatureRows(o, gray, w, h, 3);
    const band = new Float64Array(3 * w * dim);
    for (let y0 = 0; y0 < h; y0 += 3) {
      const y1 = Math.min(h, y0 + 3);
      rows.rows(y0, y1, band);
      expect(Array.from(band.subarray(0, (y1 - y0) * w * dim))).toEqual(
        Array.from(whole.subarray(y0 * w * dim, y1 * w * dim)),
      );
    }
  });

  it("of the mirror image are the pixel's own, with the gx gy term negated", () => {
    const [w, h] = [10, 8];
    const gray = randomGray(w, h, 5);
    const o: FeatureOptions = { patchSize: 1, pca: 0, localStd: false, context: [], gradient: [1, 4] };
    const raw = rawFeatures(o, gray, w, h);
    const flipped = rawFeatures(o, mirrorBand(gray, w, h), w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = (y * w + x) * 7;
        const q = (y * w + w - 1 - x) * 7;
        for (const j of [1, 2, 4, 5]) expect(flipped[q + j]).toBeCloseTo(raw[p + j], 9);
        for (const j of [3, 6]) expect(flipped[q + j]).toBeCloseTo(-raw[p + j], 9);
      }
    }
  });

  it("refuse radii that are not positive integers", () => {
    const o: FeatureOptions = { patchSize: 3, pca: 0, localStd: false, context: [], gradient: [0] };
    expect(() => rawFeatures(o, new Float64Array(4), 2, 2)).toThrow(
      /gradient radii must be positive integers/,
    );
  });
});
