import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { gemmNT, transpose } from "./gemm.js";

const rtol = 1e-12;

function random(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}

/** The obvious triple loop: C = A B^T. */
function slowNT(a: Float64Array, b: Float64Array, m: number, n: number, k: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
      out[i * n + j] = s;
    }
  }
  return out;
}

describe("gemmNT", () => {
  // Shapes with every remainder of the 4 x 2 blocking.
  for (const [m, n, k] of [
    [8, 4, 5],
    [7, 5, 3],
    [1, 1, 1],
    [6, 3, 9],
    [13, 2, 64],
  ]) {
    it(`equals the triple loop for ${m}x${n}x${k}, at offsets`, () => {
      const a = random(m * k + 3, m);
      const b = random(n * k + 2, n + 10);
      const out = random(m * n + 5, 99);
      const before = Float64Array.from(out);
      gemmNT(a, 3, b, 2, m, n, k, out, 5);
      const want = slowNT(a.subarray(3), b.subarray(2), m, n, k);
      for (let i = 0; i < m * n; i++) {
        expect(Math.abs(out[5 + i] - want[i])).toBeLessThanOrEqual(rtol * (1 + Math.abs(want[i])));
      }
      expect(Array.from(out.subarray(0, 5))).toEqual(Array.from(before.subarray(0, 5)));
    });
  }
});

describe("transpose", () => {
  it("swaps rows and columns", () => {
    const out = new Float64Array(6);
    transpose(new Float64Array([9, 1, 2, 3, 4, 5, 6]), 1, 2, 3, out);
    expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
