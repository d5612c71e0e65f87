import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { symmetricEigen } from "./eigen.js";

const atol = 1e-10;

describe("symmetricEigen", () => {
  it("solves [[2, 1], [1, 2]]: eigenvalues 3 and 1", () => {
    const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
    expect(Math.abs(values[0] - 3)).toBeLessThan(atol);
    expect(Math.abs(values[1] - 1)).toBeLessThan(atol);
    const s = Math.SQRT1_2;
    expect(Math.abs(vectors[0] - s) + Math.abs(vectors[1] - s)).toBeLessThan(atol);
    // Largest component positive: (-1, 1)/sqrt 2 and (1, -1)/sqrt 2 tie, so the first max wins.
    expect(Math.abs(Math.abs(vectors[2]) - s) + Math.abs(Math.abs(vectors[3]) - s)).toBeLessThan(atol);
  });
  it("reconstructs a random symmetric matrix from orthonormal eigenvectors", () => {
    const d = 9;
    const rng = createRng(3);
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        a[i * d + j] = rng.normal();
        a[j * d + i] = a[i * d + j];
      }
    }
    const { values, vectors } = symmetricEigen(a, d);
    for (let i = 1; i < d; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let rec = 0;
        let dot = 0;
        for (let k = 0; k < d; k++) {
          rec += vectors[k * d + i] * values[k] * vectors[k * d + j];
          dot += vectors[i * d + k] * vectors[j * d + k];
        }
        expect(Math.abs(rec - a[i * d + j])).toBeLessThan(atol);
        expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThan(atol);
      }
    }
  });
});
