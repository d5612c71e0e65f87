import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { computeFeatures, type FeatureOptions, fitFeatures } from "./features.js";
import { mirrorFeatures, mirrorMap, requireMirrorMap } from "./mirror-features.js";
import { mirrorBand } from "./training-rows.js";

function randomGray(w: number, h: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const g = new Float64Array(w * h);
  for (let i = 0; i < g.length; i++) g[i] = (21 * rng.int(256) + 72 * rng.int(256) + 7 * rng.int(256)) / 100;
  return g;
}

describe("mirror map", () => {
  // Every kind of feature: patch, spread, context windows, structure tensors, the row.
  const cases: [string, FeatureOptions][] = [
    [
      "3x3, every part",
      { patchSize: 3, pca: 0, localStd: true, context: [2, 4], gradient: [2, 6], row: true },
    ],
    ["5x5 patch, one tensor", { patchSize: 5, pca: 0, localStd: false, context: [1], gradient: [1] }],
  ];
  for (const [name, options] of cases) {
    it(`gives the mirror image's own features (${name})`, () => {
      const [w, h] = [23, 17];
      const gray = randomGray(w, h, 7);
      const state = fitFeatures(options, gray, w, h);
      const x = computeFeatures(state, gray, w, h);
      // The features of the band's mirror image, described from scratch, at the mirrored pixel.
      const flipped = computeFeatures(state, mirrorBand(gray, w, h), w, h);
      const mapped = mirrorFeatures(requireMirrorMap(state), x, w * h, new Float64Array(x.length));
      const d = state.dim;
      let worst = 0;
      for (let y = 0; y < h; y++) {
        for (let c = 0; c < w; c++) {
          for (let j = 0; j < d; j++) {
            const a = mapped[(y * w + c) * d + j];
            const b = flipped[(y * w + (w - 1 - c)) * d + j];
            worst = Math.max(worst, Math.abs(a - b));
          }
        }
      }
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it("has none for principal components of the patch", () => {
    const gray = randomGray(12, 10, 3);
    const state = fitFeatures({ patchSize: 3, pca: 4, localStd: false, context: [] }, gray, 12, 10);
    expect(mirrorMap(state)).toBeUndefined();
    expect(() => requireMirrorMap(state)).toThrow(/pca 0/);
  });
});
