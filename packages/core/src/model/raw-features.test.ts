import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { computeFeatures, type FeatureOptions, featureBands, fitFeatures } from "./features.js";
import { RawFeatureRows, rawFeatures } from "./raw-features.js";

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
