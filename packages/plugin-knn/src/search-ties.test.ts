import { createRng } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { bruteForceKnn } from "./brute-force.js";
import { buildIndex, searchIndex } from "./search-kdtree.js";

// Values of a few levels only, so that training rows repeat (collapsed into groups), neighbours
// tie at the k-th distance, and queries repeat or differ by a step (collapsed and leaf-ordered
// within each band); small leaves, so that tied rows straddle leaves.

/** `rows` rows of `dim` values, each one of `levels` levels `step` apart. */
function coarseRows(
  rng: ReturnType<typeof createRng>,
  rows: number,
  dim: number,
  levels: number,
  step: number,
) {
  const base = 1000 + rng.int(20_000);
  const out = new Int32Array(rows * dim);
  for (let i = 0; i < out.length; i++) out[i] = base + rng.int(levels) * step;
  return out;
}

/** 2000 queries: a third repeat one of the four before (some values a step off), the rest take training values. */
function repeatingQueries(rng: ReturnType<typeof createRng>, train: Int32Array, dim: number, step: number) {
  const test = new Int32Array(2000 * dim);
  for (let q = 0; q < 2000; q++) {
    const from = q > 0 && rng.int(3) === 0 ? q - 1 - rng.int(Math.min(q, 4)) : -1;
    for (let c = 0; c < dim; c++)
      test[q * dim + c] =
        from >= 0 ? test[from * dim + c] + (rng.int(4) === 0 ? step : 0) : train[rng.int(train.length)];
  }
  return test;
}

describe("the kd-tree search on repeated and tied rows", () => {
  it("equals brute force, ties in index order, on every traversal and on two threads", async () => {
    for (let seed = 0; seed < 10; seed++) {
      const rng = createRng(500 + seed);
      const dim = [2, 9][seed % 2];
      const step = 20 + rng.int(80);
      // The last seed asks for more neighbours than there are training rows.
      const train = coarseRows(rng, seed === 9 ? 20 : 100 + rng.int(500), dim, 2 + rng.int(3), step);
      const test = repeatingQueries(rng, train, dim, step);
      const k = seed === 9 ? 22 : 1 + rng.int(9);
      const ref = bruteForceKnn(train, test, dim, k);
      for (const [simd, traversal] of [
        [true, "wasm"],
        [true, "js"],
        [false, "js"],
      ] as const) {
        const index = buildIndex(train, dim, { simd, leafSize: 1 + rng.int(12), shared: false });
        const r = await searchIndex(index, test, k, { threads: 1, traversal });
        expect({ simd, traversal, indices: Array.from(r.indices) }).toEqual({
          simd,
          traversal,
          indices: Array.from(ref.indices),
        });
        expect(Array.from(r.dist2)).toEqual(Array.from(ref.dist2));
      }
      const threaded = await searchIndex(buildIndex(train, dim, { leafSize: 4, shared: true }), test, k, {
        threads: 2,
      });
      expect(threaded.stats.threads).toBe(2);
      expect(Array.from(threaded.indices)).toEqual(Array.from(ref.indices));
      expect(Array.from(threaded.dist2)).toEqual(Array.from(ref.dist2));
    }
  });
});
