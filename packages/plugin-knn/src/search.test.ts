import { AbortError, createRng } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { bruteForceKnn } from "./brute-force.js";
import { closeWorkers, idleWorkers, liveWorkers, workerScript } from "./run-threads.js";
import { SEARCH_STRATEGIES, searchKnn } from "./search.js";
import { buildIndex, searchIndex } from "./search-kdtree.js";
import { degenerateCases, halves } from "./testing/images.js";

function expectSame(
  actual: { indices: Int32Array; dist2: Float64Array; k: number },
  train: Int32Array,
  test: Int32Array,
  dim: number,
  k: number,
) {
  const ref = bruteForceKnn(train, test, dim, k);
  expect(actual.k).toBe(ref.k);
  // Compare whole arrays once (a per-element expect would be slow), then locate any difference.
  const same =
    actual.indices.every((v, i) => v === ref.indices[i]) && actual.dist2.every((v, i) => v === ref.dist2[i]);
  if (!same) {
    const i = actual.indices.findIndex((v, j) => v !== ref.indices[j] || actual.dist2[j] !== ref.dist2[j]);
    const q = Math.floor(i / ref.k);
    expect({
      query: q,
      indices: Array.from(actual.indices.subarray(q * ref.k, q * ref.k + ref.k)),
      dist2: Array.from(actual.dist2.subarray(q * ref.k, q * ref.k + ref.k)),
    }).toEqual({
      query: q,
      indices: Array.from(ref.indices.subarray(q * ref.k, q * ref.k + ref.k)),
      dist2: Array.from(ref.dist2.subarray(q * ref.k, q * ref.k + ref.k)),
    });
  }
  expect(actual.indices.length).toBe(ref.indices.length);
}

describe("searchKnn equals brute force", () => {
  it("on degenerate images (flat, two colours, stripes, noise, black border, smooth) for every strategy", async () => {
    for (const c of degenerateCases(24, 20, 1)) {
      const { train, test, dim } = halves(c);
      for (const strategy of SEARCH_STRATEGIES) {
        const r = await searchKnn(train, test, dim, 6, { strategy, threads: 1 });
        expectSame(r, train, test, dim, 6);
      }
    }
  });

  it("over many seeds, sizes, k and leaf sizes, with and without the SIMD filter", async () => {
    for (let seed = 0; seed < 12; seed++) {
      const rng = createRng(100 + seed);
      const w = 4 + rng.int(40);
      const h = 1 + rng.int(30);
      const k = 1 + rng.int(9);
      const cases = degenerateCases(w, h, seed);
      const c = cases[rng.int(cases.length)];
      const { train, test, dim } = halves(c);
      for (const [simd, traversal] of [
        [true, "wasm"],
        [true, "js"],
        [false, "js"],
      ] as const) {
        const index = buildIndex(train, dim, { simd, leafSize: 1 + rng.int(70), shared: false });
        const r = await searchIndex(index, test, k, { threads: 1, traversal });
        expect(r.backend.split(":")[0]).toBe(
          simd ? (traversal === "wasm" ? "wasm-simd" : "js+wasm-simd-leaves") : "js",
        );
        expectSame(r, train, test, dim, k);
      }
    }
  });

  it("keeps index order among equal distances when collapsed groups straddle the k-th place", async () => {
    // Rows 0..9 alternate between two patterns at equal distance from the query; the answer
    // must interleave their members by index.
    const dim = 2;
    const train = new Int32Array([0, 2, 2, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2, 2, 0, 5, 5, 1, 1]);
    const test = new Int32Array([1, 1, 0, 0]);
    for (const simd of [true, false]) {
      const r = await searchIndex(buildIndex(train, dim, { simd, leafSize: 2, shared: false }), test, 6, {
        threads: 1,
      });
      expect(Array.from(r.indices.subarray(0, 6))).toEqual([9, 0, 1, 2, 3, 4]);
      expect(Array.from(r.dist2.subarray(0, 6))).toEqual([0, 2, 2, 2, 2, 2]);
      expectSame(r, train, test, dim, 6);
    }
  });

  it("handles other patch sizes (1x1, 5x5) and k beyond the WebAssembly search's 256 slots", async () => {
    const cases = degenerateCases(30, 22, 4);
    for (const size of [1, 5]) {
      for (const c of [cases[3], cases[5]]) {
        const { train, test, dim } = halves(c, size);
        expectSame(
          await searchKnn(train, test, dim, 6, { strategy: "kd-tree", threads: 1 }),
          train,
          test,
          dim,
          6,
        );
      }
    }
    const { train, test, dim } = halves(cases[3]);
    const r = await searchKnn(train, test, dim, 300, { strategy: "kd-tree", threads: 1 });
    expect(r.backend).toBe("js+wasm-simd-leaves:kd-tree x1 thread");
    expectSame(r, train, test, dim, 300);
  });

  it("searches queries whose values do not fit the kernels' int16 lanes in plain JavaScript", async () => {
    // Training values around 50: stored as int16 less the centre; a query of 40000 is 39950 away.
    const rng = createRng(7);
    const train = Int32Array.from({ length: 9 * 300 }, () => rng.int(101));
    const test = Int32Array.from({ length: 9 * 40 }, (_, i) => (i === 13 ? 40_000 : rng.int(101)));
    const r = await searchKnn(train, test, 9, 6, { strategy: "kd-tree", threads: 1 });
    expect(r.backend).toBe("js:kd-tree x1 thread");
    expectSame(r, train, test, 9, 6);
    const inRange = await searchKnn(train, test.subarray(0, 9), 9, 6, { strategy: "kd-tree", threads: 1 });
    expect(inRange.backend).toBe("wasm-simd:kd-tree x1 thread");
  });

  it("returns every training row when k exceeds their number", async () => {
    const train = new Int32Array([3, 3, 1, 1, 3, 3]);
    const test = new Int32Array([2, 2]);
    const r = await searchKnn(train, test, 2, 6, { strategy: "kd-tree", threads: 1 });
    expect(r.k).toBe(3);
    expect(Array.from(r.indices)).toEqual([0, 1, 2]);
    expect(Array.from(r.dist2)).toEqual([2, 2, 2]);
  });

  it("falls back to brute force on auto when values exceed the exactness range", async () => {
    const train = new Int32Array([2 ** 22, 0, 1, 1]);
    const test = new Int32Array([1, 0]);
    const r = await searchKnn(train, test, 2, 1);
    expect(r.strategy).toBe("brute-force");
    expect(Array.from(r.indices)).toEqual([1]);
  });

  it("rejects an unknown strategy with a one-line message", async () => {
    await expect(
      searchKnn(new Int32Array(2), new Int32Array(2), 2, 1, { strategy: "magic" }),
    ).rejects.toThrow(/unknown search strategy "magic"/);
  });
});

describe("the threaded kd-tree search", () => {
  it("runs from the built worker script (build the package before testing)", () => {
    expect(workerScript()).toBeDefined();
  });

  it("equals brute force on two threads and names the threads that ran", async () => {
    for (const c of degenerateCases(60, 40, 5)) {
      const { train, test, dim } = halves(c);
      const r = await searchKnn(train, test, dim, 6, { strategy: "kd-tree", threads: 2 });
      expect(r.backend).toBe("wasm-simd:kd-tree x2 threads");
      expectSame(r, train, test, dim, 6);
      const js = await searchKnn(train, test, dim, 6, { strategy: "kd-tree-js", threads: 2 });
      expect(js.backend).toBe("js:kd-tree x2 threads");
      expectSame(js, train, test, dim, 6);
    }
    // Finished workers wait idle for the next search, and close on request.
    expect(liveWorkers()).toBeGreaterThan(0);
    await closeWorkers();
    expect(liveWorkers()).toBe(0);
  });

  it("stops promptly on abort and leaves no worker running", async () => {
    const c = degenerateCases(200, 200, 9)[3];
    const { train, test, dim } = halves(c);
    const controller = new AbortController();
    const fractions: number[] = [];
    const run = searchKnn(train, test, dim, 6, {
      strategy: "kd-tree-js",
      threads: 2,
      signal: controller.signal,
      onProgress: (f) => {
        fractions.push(f);
        controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(fractions.length).toBeGreaterThan(0);
    // The search's own workers are gone by the time the promise rejects; only idle ones remain.
    expect(liveWorkers()).toBe(idleWorkers());
    await closeWorkers();
    expect(liveWorkers()).toBe(0);
  });

  it("rejects an already aborted search before starting", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      searchKnn(new Int32Array(9), new Int32Array(9), 9, 1, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
  });
});
