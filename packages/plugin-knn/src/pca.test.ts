import { createRng, symmetricEigen } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { principalAxes, rotateRows } from "./pca.js";

const atol = 1e-9;

describe("symmetricEigen", () => {
  it("solves a hand-worked 2x2 case: [[2,1],[1,2]] has eigenvalues 3 and 1", () => {
    const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0] * vectors[1]).toBeGreaterThan(0);
  });

  it("returns orthonormal eigenvectors that satisfy A v = lambda v for random 9x9 matrices", () => {
    const rng = createRng(7);
    const n = 9;
    for (let t = 0; t < 5; t++) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal() * 1000;
      const { values, vectors } = symmetricEigen(a, n);
      for (let r = 0; r < n; r++) {
        if (r > 0) expect(values[r]).toBeLessThanOrEqual(values[r - 1]);
        for (let s = 0; s < n; s++) {
          let dot = 0;
          for (let j = 0; j < n; j++) dot += vectors[r * n + j] * vectors[s * n + j];
          expect(Math.abs(dot - (r === s ? 1 : 0))).toBeLessThan(atol);
        }
        for (let i = 0; i < n; i++) {
          let av = 0;
          for (let j = 0; j < n; j++) av += a[i * n + j] * vectors[r * n + j];
          expect(Math.abs(av - values[r] * vectors[r * n + i])).toBeLessThan(1e-6 * 1000);
        }
      }
    }
  });
});

describe("principalAxes", () => {
  it("finds the direction of a line of points as the first axis", () => {
    const rows = new Int32Array([0, 0, 1, 2, 2, 4, 3, 6, 4, 8]);
    const p = principalAxes(rows, 2);
    expect(Array.from(p.mean)).toEqual([2, 4]);
    expect(Math.abs(p.axes[0] * 2 - p.axes[1])).toBeLessThan(atol);
    expect(p.variance[1]).toBeLessThan(atol);
  });
});

describe("rotateRows", () => {
  // The obvious loop: each coordinate the sum over j, in order, of axis value times centred value.
  function slowRotate(rows: Int32Array, dim: number, mean: Float64Array, axes: Float64Array): Float64Array {
    const n = rows.length / dim;
    const out = new Float64Array(n * dim);
    for (let i = 0; i < n; i++)
      for (let r = 0; r < dim; r++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += axes[r * dim + j] * (rows[i * dim + j] - mean[j]);
        out[i * dim + r] = s;
      }
    return out;
  }

  it.each([4, 9, 25])("gives the obvious loop's values bit for bit for rows of %i values", (dim) => {
    const rng = createRng(dim);
    const rows = new Int32Array(300 * dim);
    for (let i = 0; i < rows.length; i++) rows[i] = Math.floor(rng.next() * 25501);
    const pca = principalAxes(rows, dim);
    const fast = rotateRows(pca, rows);
    const slow = slowRotate(rows, dim, pca.mean, pca.axes);
    expect(fast.length).toBe(slow.length);
    let differ = 0;
    for (let i = 0; i < fast.length; i++) if (!Object.is(fast[i], slow[i])) differ++;
    expect(differ).toBe(0);
  });
});
