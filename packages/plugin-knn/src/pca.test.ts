import { createRng, symmetricEigen } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { principalAxes } from "./pca.js";

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
