import { describe, expect, it } from "vitest";
import { prepareTask } from "../prepare.js";
import { syntheticImage } from "../testing/synthetic.js";
import { computeFeatures, FEATURE_CACHE_BYTES, fitFeatures, PixelFeatures } from "./features.js";
import { labelObjective } from "./label-objective.js";
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
      { patchSize: 3, pca: 0, localStd: true, context: [2], gradient: [1, 3] },
      train.gray,
      width,
      height,
    );
    const source = new PixelFeatures(features, train.gray, width, height);
    const rows = columnRows(width, height, 0, 9);
    const labels = gatherRows(train.labels, 1, rows);
    const plain = trainingRows(source, train, rows, { labels, targetSize: 0 }, false);
    const mirrored = trainingRows(source, train, rows, { labels, targetSize: 0 }, true);
    expect(plain.n).toBe(rows.length);
    expect(mirrored.n).toBe(2 * rows.length);
    expect(mirrored.targetRows).toBe(rows.length);
    const dim = features.dim;
    const every = (d: typeof plain) => {
      const x = new Float64Array(d.n * dim);
      d.features(
        Int32Array.from({ length: d.n }, (_, i) => i),
        0,
        d.n,
        x,
      );
      return x;
    };
    const all = computeFeatures(features, train.gray, width, height);
    const px = every(plain);
    expect(Array.from(px)).toEqual(Array.from(gatherRows(all, dim, rows)));
    const mx = every(mirrored);
    expect(Array.from(mx.subarray(0, px.length))).toEqual(Array.from(px));
    expect(Array.from(mirrored.labels!)).toEqual([...labels]);
    const flipped = computeFeatures(features, mirrorBand(train.gray, width, height), width, height);
    // Pixel (2, 3) of the band is at (width - 3, 3) of its mirror image.
    const i = 3 * 9 + 2;
    const at = 3 * width + width - 3;
    expect(Array.from(mx.subarray((rows.length + i) * dim, (rows.length + i + 1) * dim))).toEqual(
      Array.from(flipped.subarray(at * dim, (at + 1) * dim)),
    );
    // Rows drawn in any order give the same features as in order.
    const order = Int32Array.from([rows.length + i, 5, 0]);
    const some = new Float64Array(3 * dim);
    mirrored.features(order, 0, 3, some);
    expect(Array.from(some.subarray(dim, 2 * dim))).toEqual(Array.from(px.subarray(5 * dim, 6 * dim)));
  });

  it("maps every mirrored row to its own pixel's target: its patch is that pixel's, flipped", () => {
    const task = prepareTask(syntheticImage(30, 10, 4), { k: 5, seed: 0 });
    const { train } = task;
    const { width, height } = train;
    const features = fitFeatures(
      { patchSize: 3, pca: 0, localStd: false, context: [] },
      train.gray,
      width,
      height,
    );
    // The training columns, as a model agent takes them: everything left of the validation strip.
    const rows = columnRows(width, height, 0, width - train.validationColumns);
    const objective = labelObjective(task.palette, { softTargets: 5, rebalance: true });
    const targets = objective.targets(train, rows);
    const d = trainingRows(
      new PixelFeatures(features, train.gray, width, height),
      train,
      rows,
      targets,
      true,
    );
    const n = rows.length;
    const k = task.palette.size;
    expect(d.n).toBe(2 * n);
    const x = new Float64Array(d.n * 9);
    d.features(
      Int32Array.from({ length: d.n }, (_, r) => r),
      0,
      d.n,
      x,
    );
    // A mirrored row's targets are those of row `m % targetRows`: its own pixel's.
    const t = (m: number) => m % d.targetRows;
    const atol = 1e-9;
    const raw = (row: number, j: number) => x[row * 9 + j] * features.std[j] + features.mean[j];
    let checked = 0;
    for (let i = 0; i < n; i++) {
      const m = n + i;
      // The row's own pixel: its centre gray, and each patch column flipped left to right.
      expect(Math.abs(raw(m, 4) - train.gray[rows[i]])).toBeLessThan(atol);
      for (let dy = 0; dy < 3; dy++)
        for (let dx = 0; dx < 3; dx++)
          expect(Math.abs(raw(m, dy * 3 + dx) - raw(i, dy * 3 + 2 - dx))).toBeLessThan(atol);
      // ... and that pixel's targets: its label, its soft targets and its weight.
      expect(d.labels![t(m)]).toBe(train.labels[rows[i]]);
      expect(Array.from(d.targets!.subarray(t(m) * k, (t(m) + 1) * k))).toEqual(
        Array.from(targets.targets!.subarray(i * k, (i + 1) * k)),
      );
      expect(d.weights![t(m)]).toBe(targets.weights![i]);
      checked++;
    }
    expect(checked).toBe((width - train.validationColumns) * height);
  });

  it("describes every row at its first draw when they fit, and gives the same values as computing every draw", () => {
    const { train } = prepareTask(syntheticImage(26, 14, 6), { k: 4, seed: 1 });
    const { width, height } = train;
    const features = fitFeatures(
      { patchSize: 3, pca: 0, localStd: true, context: [2], gradient: [1], row: true },
      train.gray,
      width,
      height,
    );
    const dim = features.dim;
    // Counts the pixels described, direct or mirrored.
    class Counting extends PixelFeatures {
      calls = 0;
      override pixel(p: number, out: Float64Array, o: number): void {
        this.calls++;
        super.pixel(p, out, o);
      }
    }
    const rows = columnRows(width, height, 0, width - train.validationColumns);
    const labels = gatherRows(train.labels, 1, rows);
    const n = 2 * rows.length;
    const build = (cacheBytes: number) => {
      const source = new Counting(features, train.gray, width, height);
      return { source, d: trainingRows(source, train, rows, { labels, targetSize: 0 }, false, cacheBytes) };
    };
    // Three "epochs" of draws with repeats, mirrored rows among them (r >= rows.length).
    const mirroredSet = (cacheBytes: number) => {
      const source = new Counting(features, train.gray, width, height);
      const d = trainingRows(source, train, rows, { labels, targetSize: 0 }, true, cacheBytes);
      return { source, d };
    };
    const order = Int32Array.from({ length: 3 * n }, (_, i) => (i * 7919 + (i >> 3)) % n);
    const draw = (d: { features: (o: Int32Array, a: number, b: number, x: Float64Array) => void }) => {
      const x = new Float64Array(order.length * dim);
      for (let from = 0; from < order.length; from += 50)
        d.features(order, from, Math.min(order.length, from + 50), x.subarray(from * dim));
      return x;
    };
    const fits = n * dim * 8;
    const kept = mirroredSet(fits);
    const fresh = mirroredSet(fits - 1);
    const a = draw(kept.d);
    const b = draw(fresh.d);
    expect(Array.from(a)).toEqual(Array.from(b));
    // The plain rows' values are the band's features, whatever the cache.
    const all = computeFeatures(features, train.gray, width, height);
    const plain = build(FEATURE_CACHE_BYTES);
    const po = Int32Array.from({ length: rows.length }, (_, i) => rows.length - 1 - i);
    const px = new Float64Array(rows.length * dim);
    plain.d.features(po, 0, po.length, px);
    plain.d.features(po, 0, po.length, px);
    expect(Array.from(px)).toEqual(
      Array.from(
        gatherRows(
          all,
          dim,
          po.map((i) => rows[i]),
        ),
      ),
    );
    // Kept: every row described at once through the band path, none pixel by pixel; not kept:
    // every draw of a direct row described on its own.
    expect(plain.source.calls).toBe(0);
    const direct = Array.from(order).filter((r) => r < rows.length);
    expect(direct.length).toBeGreaterThan(new Set(direct).size);
    expect(kept.source.calls).toBe(0);
    expect(fresh.source.calls).toBe(direct.length);
  });
});
