import { assignToCentroids, createRng } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { assignReference, knnReference, matmulJs, matmulReference, transpose } from "./reference.js";

describe("matmulReference", () => {
  it("multiplies a hand-worked 2x3 by 3x2", () => {
    const a = new Float64Array([1, 2, 3, 4, 5, 6]);
    const b = new Float64Array([7, 8, 9, 10, 11, 12]);
    expect(Array.from(matmulReference(a, b, 2, 3, 2))).toEqual([58, 64, 139, 154]);
  });

  it("reads transposed operands: A^T B and A B^T of stored transposes give the same product", () => {
    const a = new Float64Array([1, 2, 3, 4, 5, 6]);
    const b = new Float64Array([7, 8, 9, 10, 11, 12]);
    const at = transpose(a, 2, 3);
    const bt = transpose(b, 3, 2);
    expect(Array.from(matmulReference(at, b, 2, 3, 2, { transposeA: true }))).toEqual([58, 64, 139, 154]);
    expect(Array.from(matmulReference(a, bt, 2, 3, 2, { transposeB: true }))).toEqual([58, 64, 139, 154]);
    expect(Array.from(matmulReference(at, bt, 2, 3, 2, { transposeA: true, transposeB: true }))).toEqual([
      58, 64, 139, 154,
    ]);
  });

  it("agrees with the js backend's loop order on random integers exactly", () => {
    const rng = createRng(2);
    const [m, k, n] = [9, 17, 11];
    const a = new Float64Array(m * k).map(() => rng.int(21) - 10);
    const b = new Float64Array(k * n).map(() => rng.int(21) - 10);
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        const o = { transposeA, transposeB };
        expect(Array.from(matmulJs(a, b, m, k, n, o))).toEqual(Array.from(matmulReference(a, b, m, k, n, o)));
      }
    }
  });
});

describe("assignReference", () => {
  it("equals core's assignToCentroids", () => {
    const rng = createRng(4);
    const points = new Float64Array(300).map(() => rng.int(256));
    const centroids = new Float64Array([0, 0, 0, 128, 128, 128, 255, 0, 0, 128, 128, 128]);
    const labels = new Int32Array(100).fill(-1);
    const dist2 = new Float64Array(100);
    assignToCentroids(points, centroids, 4, labels, dist2);
    const r = assignReference(points, centroids, 4);
    expect(Array.from(r.labels)).toEqual(Array.from(labels));
    expect(Array.from(r.dist2)).toEqual(Array.from(dist2));
  });
});

describe("knnReference", () => {
  it("orders a hand-worked case by distance, then index", () => {
    const train = new Float64Array([0, 2, 1, 3, 1, 1]);
    const test = new Float64Array([1, 2]);
    const r = knnReference(train, test, 2, 3);
    expect(Array.from(r.indices)).toEqual([0, 1, 2]);
    expect(Array.from(r.dist2)).toEqual([1, 1, 1]);
  });
});
