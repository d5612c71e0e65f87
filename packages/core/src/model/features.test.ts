import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import {
  computeFeatures,
  type FeatureOptions,
  featureStateFromJson,
  featureStateToJson,
  fitFeatures,
} from "./features.js";
import { featureDim, rawFeatures } from "./raw-features.js";

const atol = 1e-9;

function randomGray(w: number, h: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const g = new Float64Array(w * h);
  for (let i = 0; i < g.length; i++) g[i] = (21 * rng.int(256) + 72 * rng.int(256) + 7 * rng.int(256)) / 100;
  return g;
}

const plain: FeatureOptions = { patchSize: 3, pca: 0, localStd: false, context: [] };

describe("features", () => {
  it("counts patch, std and two values per context radius", () => {
    expect(featureDim(plain)).toBe(9);
    expect(featureDim({ patchSize: 5, pca: 4, localStd: true, context: [2, 8] })).toBe(4 + 1 + 4);
  });

  it("takes edge-replicated 3x3 patches of the band", () => {
    // 2x2 band [[1, 2], [3, 4]]: the patch of (0, 0) replicates the first row and column.
    const f = rawFeatures(plain, new Float64Array([1, 2, 3, 4]), 2, 2);
    expect(Array.from(f.subarray(0, 9))).toEqual([1, 1, 2, 1, 1, 2, 3, 3, 4]);
  });

  it("computes the patch std and clipped-window means and stds as the slow sums do", () => {
    const [w, h] = [7, 5];
    const gray = randomGray(w, h, 1);
    const o: FeatureOptions = { patchSize: 3, pca: 0, localStd: true, context: [1, 3] };
    const f = rawFeatures(o, gray, w, h);
    const dim = featureDim(o);
    const patch = rawFeatures(plain, gray, w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const p = Array.from(patch.subarray(i * 9, i * 9 + 9));
        const pm = p.reduce((a, b) => a + b, 0) / 9;
        const ps = Math.sqrt(p.reduce((a, b) => a + (b - pm) ** 2, 0) / 9);
        expect(Math.abs(f[i * dim + 9] - ps)).toBeLessThan(atol);
        [1, 3].forEach((r, ci) => {
          const vals: number[] = [];
          for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
            for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++)
              vals.push(gray[yy * w + xx]);
          }
          const m = vals.reduce((a, b) => a + b, 0) / vals.length;
          const s = Math.sqrt(vals.reduce((a, b) => a + (b - m) ** 2, 0) / vals.length);
          expect(Math.abs(f[i * dim + 10 + 2 * ci] - m)).toBeLessThan(atol);
          expect(Math.abs(f[i * dim + 11 + 2 * ci] - s)).toBeLessThan(1e-6);
        });
      }
    }
  });

  it("standardises to mean 0 and std 1 on the band it was fitted on", () => {
    const [w, h] = [9, 6];
    const gray = randomGray(w, h, 2);
    const o: FeatureOptions = { patchSize: 3, pca: 0, localStd: true, context: [2] };
    const s = fitFeatures(o, gray, w, h);
    const f = computeFeatures(s, gray, w, h);
    for (let j = 0; j < s.dim; j++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < w * h; i++) m += f[i * s.dim + j];
      m /= w * h;
      for (let i = 0; i < w * h; i++) v += (f[i * s.dim + j] - m) ** 2;
      expect(Math.abs(m)).toBeLessThan(atol);
      expect(Math.abs(Math.sqrt(v / (w * h)) - 1)).toBeLessThan(atol);
    }
  });

  it("fits the same statistics, bit for bit, whether it holds the band's features or streams them in bands of rows", () => {
    // 40 x 3400: 136,000 pixels, three bands of 65,536 pixels' rows when streamed.
    const [w, h] = [40, 3400];
    const gray = randomGray(w, h, 7);
    const o: FeatureOptions = {
      patchSize: 3,
      pca: 4,
      localStd: true,
      context: [2, 5],
      gradient: [3],
      row: true,
    };
    const held = fitFeatures(o, gray, w, h);
    const streamed = fitFeatures(o, gray, w, h, 0);
    expect(Array.from(held.mean)).toEqual(Array.from(streamed.mean));
    expect(Array.from(held.std)).toEqual(Array.from(streamed.std));
    expect(held.std.some((v) => v !== 1)).toBe(true);
  });

  it("keeps distances with a full PCA (an orthonormal rotation of centred patches)", () => {
    const [w, h] = [8, 8];
    const gray = randomGray(w, h, 3);
    const full = rawFeatures({ ...plain, pca: 0 }, gray, w, h);
    const s = fitFeatures({ ...plain, pca: 9 }, gray, w, h);
    const rot = rawFeatures(s.options, gray, w, h, s.pcaMean, s.pcaBasis);
    const dist = (a: Float64Array, i: number, j: number) => {
      let d = 0;
      for (let k = 0; k < 9; k++) d += (a[i * 9 + k] - a[j * 9 + k]) ** 2;
      return d;
    };
    for (const [i, j] of [
      [0, 5],
      [7, 40],
      [12, 63],
    ]) {
      expect(Math.abs(dist(rot, i, j) - dist(full, i, j))).toBeLessThan(1e-7 * (1 + dist(full, i, j)));
    }
  });

  it("round-trips through JSON and gives identical features", () => {
    const gray = randomGray(10, 7, 4);
    const s = fitFeatures({ patchSize: 5, pca: 6, localStd: true, context: [2, 4] }, gray, 10, 7);
    const back = featureStateFromJson(JSON.parse(JSON.stringify(featureStateToJson(s))));
    expect(Array.from(computeFeatures(back, gray, 10, 7))).toEqual(
      Array.from(computeFeatures(s, gray, 10, 7)),
    );
  });

  it("refuses an even patch and a PCA larger than the patch", () => {
    expect(() => fitFeatures({ ...plain, patchSize: 4 }, randomGray(6, 6, 5), 6, 6)).toThrow(/odd/);
    expect(() => fitFeatures({ ...plain, pca: 10 }, randomGray(6, 6, 5), 6, 6)).toThrow(/pca/);
  });
});

describe("row feature", () => {
  it("adds the row as a fraction of the band's height, after the context windows", () => {
    const gray = randomGray(4, 5, 6);
    const o: FeatureOptions = { patchSize: 3, pca: 0, localStd: false, context: [1], row: true };
    expect(featureDim(o)).toBe(9 + 2 + 1);
    const f = rawFeatures(o, gray, 4, 5);
    const without = rawFeatures({ ...o, row: false }, gray, 4, 5);
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 4; x++) {
        const i = y * 4 + x;
        expect(f[i * 12 + 11]).toBe(y / 4);
        expect(Array.from(f.subarray(i * 12, i * 12 + 11))).toEqual(
          Array.from(without.subarray(i * 11, i * 11 + 11)),
        );
      }
    }
  });
});

describe("feature statistics of a megapixel band", () => {
  it("come from a regular sample, within 1% of every pixel's", () => {
    const width = 2048;
    const height = 1100; // 2.25 million pixels: above the sampling threshold
    const rng = createRng(5);
    const gray = new Float64Array(width * height);
    for (let i = 0; i < gray.length; i++) gray[i] = 128 + 40 * rng.normal() + (i % width) / 16;
    let mean = 0;
    for (const g of gray) mean += g;
    mean /= gray.length;
    let v = 0;
    for (const g of gray) v += (g - mean) ** 2;
    const std = Math.sqrt(v / gray.length);
    const state = fitFeatures({ patchSize: 1, pca: 0, localStd: false, context: [] }, gray, width, height);
    expect(Math.abs(state.mean[0] - mean)).toBeLessThan(0.01 * std);
    expect(Math.abs(state.std[0] / std - 1)).toBeLessThan(0.01);
    // Not every pixel's sums: the sample's (a check that can tell them apart).
    expect(state.mean[0]).not.toBe(mean);
  });
});
