import { describe, expect, it } from "vitest";
import { prepareTask } from "../prepare.js";
import { syntheticImage } from "../testing/synthetic.js";
import { computeFeatures, fitFeatures } from "./features.js";
import { columnRows, gatherRows, mirrorBand, mirroredRows, trainingRows } from "./training-rows.js";

describe("training rows", () => {
  it("lists a band's columns row by row and gathers their values", () => {
    expect(Array.from(columnRows(4, 2, 1, 3))).toEqual([1, 2, 5, 6]);
    const src = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(gatherRows(src, 2, Int32Array.from([3, 0])))).toEqual([6, 7, 0, 1]);
    expect(gatherRows(Float64Array.from([1.5]), 1, Int32Array.from([0]))).toBeInstanceOf(Float64Array);
  });

  it("mirrors a band left to right, pixel (x, y) going to (width - 1 - x, y)", () => {
    // 3 x 2 band [[1, 2, 3], [4, 5, 6]].
    expect(Array.from(mirrorBand(Float64Array.from([1, 2, 3, 4, 5, 6]), 3, 2))).toEqual([3, 2, 1, 6, 5, 4]);
    expect(Array.from(mirroredRows(Int32Array.from([0, 1, 5]), 3))).toEqual([2, 1, 3]);
  });

  it("with mirror, adds each pixel's features in the mirror image with the same targets", () => {
    const { train } = prepareTask(syntheticImage(24, 12, 2), { k: 4, seed: 0 });
    const { width, height } = train;
    const features = fitFeatures(
      { patchSize: 3, pca: 0, localStd: true, context: [2] },
      train.gray,
      width,
      height,
    );
    const all = computeFeatures(features, train.gray, width, height);
    const rows = columnRows(width, height, 0, 9);
    const labels = gatherRows(train.labels, 1, rows);
    const plain = trainingRows(features, train, all, rows, { labels, targetSize: 0 }, false);
    const mirrored = trainingRows(features, train, all, rows, { labels, targetSize: 0 }, true);
    expect(plain.n).toBe(rows.length);
    expect(mirrored.n).toBe(2 * rows.length);
    const dim = features.dim;
    expect(Array.from(mirrored.x.subarray(0, plain.x.length))).toEqual(Array.from(plain.x));
    expect(Array.from(mirrored.labels!)).toEqual([...labels, ...labels]);
    const flipped = computeFeatures(features, mirrorBand(train.gray, width, height), width, height);
    // Pixel (2, 3) of the band is at (width - 3, 3) of its mirror image.
    const i = 3 * 9 + 2;
    const at = 3 * width + width - 3;
    expect(Array.from(mirrored.x.subarray((rows.length + i) * dim, (rows.length + i + 1) * dim))).toEqual(
      Array.from(flipped.subarray(at * dim, (at + 1) * dim)),
    );
  });
});
