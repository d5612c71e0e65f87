import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { gemmBias, gemmNT, gemmTransposeAccumulate } from "./gemm.js";

const rtol = 1e-12;

function random(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  // Some exact zeros exercise the skip of zero inputs.
  for (let i = 0; i < n; i++) a[i] = rng.next() < 0.2 ? 0 : rng.normal();
  return a;
}

/** The obvious triple loop: element (i, j) of op(a) * op(b). */
function slow(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      out[i * n + j] = s;
    }
  }
  return out;
}

function expectClose(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(rtol * (1 + Math.abs(expected[i])));
  }
}

describe("dense products", () => {
  const [m, k, n] = [7, 5, 3];
  it("gemmBias is a * b plus a broadcast bias, reading b at an offset", () => {
    const a = random(m * k, 1);
    const b = random(k * n + 4, 2);
    const bias = random(n + 2, 3);
    const out = new Float64Array(m * n);
    gemmBias(a, b, 4, bias, 2, m, k, n, out);
    const want = slow(a, b.subarray(4), m, k, n, false, false);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) want[i * n + j] += bias[2 + j];
    expectClose(out, want);
  });
  it("gemmTransposeAccumulate adds a^T d and the column sums of d", () => {
    const a = random(m * k, 4);
    const d = random(m * n, 5);
    const gw = random(k * n + 1, 6);
    const gb = random(n + 1, 7);
    const gw0 = Float64Array.from(gw);
    const gb0 = Float64Array.from(gb);
    gemmTransposeAccumulate(a, d, m, k, n, gw, 1, gb, 1);
    const want = slow(a, d, k, m, n, true, false);
    for (let i = 0; i < k * n; i++) want[i] += gw0[1 + i];
    expectClose(gw.subarray(1), want);
    for (let j = 0; j < n; j++) {
      let s = gb0[1 + j];
      for (let i = 0; i < m; i++) s += d[i * n + j];
      expect(Math.abs(gb[1 + j] - s)).toBeLessThanOrEqual(rtol * (1 + Math.abs(s)));
    }
    expect(gw[0]).toBe(gw0[0]);
  });
  it("gemmNT is d * w^T with w stored k x n", () => {
    const d = random(m * n, 8);
    const w = random(k * n + 3, 9);
    const out = new Float64Array(m * k);
    gemmNT(d, w, 3, m, k, n, out);
    expectClose(out, slow(d, w.subarray(3), m, n, k, false, true));
  });
});
