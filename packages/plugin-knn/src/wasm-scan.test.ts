import { wasm } from "@colorize/compute";
import { createRng } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { FILTER_ALL, FILTER_CAP, filterThreshold } from "./exactness.js";
import { pairVectors, rowValueOffset, SLOTS } from "./kernel-abi.js";
import { slotLayout } from "./kernel-memory.js";
import { scanKernel } from "./wasm-kernels.js";
import { scanModule } from "./wasm-scan.js";

describe("the SIMD leaf filter", () => {
  const dim = 9;
  const layout = slotLayout(dim, 40);
  const module = scanModule(layout);
  const rowsBase = SLOTS * layout.slotBytes;
  const memory = wasm.sharedMemory(rowsBase + 10 * 80);
  const i16 = new Int16Array(memory.buffer);
  const i32 = new Int32Array(memory.buffer);
  const slot = 3 * layout.slotBytes;

  /** Writes query `q` (int16 values) into the slot and `rows` into blocks; returns the survivors. */
  function scan(q: number[], rows: number[][], threshold: number, first: number): [number, number][] {
    for (let v = 0; v < pairVectors(dim); v++) {
      const word = (q[2 * v] & 0xffff) | ((q[2 * v + 1] ?? 0) << 16);
      for (let lane = 0; lane < 4; lane++) i32[(slot + layout.splat) / 4 + v * 4 + lane] = word;
    }
    const blocks = (rows.length + 3) >> 2;
    i16.fill(0, rowsBase / 2, rowsBase / 2 + blocks * 40);
    rows.forEach((r, p) => {
      for (let j = 0; j < dim; j++) i16[(rowsBase + rowValueOffset(p, j, dim)) / 2] = r[j];
    });
    const n = scanKernel(module!, memory)(slot, rowsBase, rowsBase + blocks * 80, threshold, first);
    const out: [number, number][] = [];
    for (let i = 0; i < n; i++)
      out.push([i32[(slot + layout.survivors) / 4 + 2 * i], i32[(slot + layout.survivors) / 4 + 2 * i + 1]]);
    return out;
  }
  const exact = (q: number[], r: number[]) => q.reduce((s, v, j) => s + (v - r[j]) ** 2, 0);

  it("compiles on this runtime (Node 20 has WebAssembly SIMD)", () => {
    expect(module).not.toBeNull();
  });

  it("lists exactly the rows within the threshold, in order, with their exact distances as sums", () => {
    // Values within 16383 of 0, so no difference leaves int16: the sums are exact below the cap.
    const rng = createRng(3);
    for (let t = 0; t < 200; t++) {
      const q = Array.from({ length: dim }, () => rng.int(32767) - 16383);
      const rows = Array.from({ length: 1 + rng.int(40) }, () =>
        q.map((v) => Math.max(-16383, Math.min(16383, v + rng.int(2 ** (4 + rng.int(10))) - 1000))),
      );
      const d = rows.map((r) => exact(q, r));
      const threshold = [...d].sort((a, b) => a - b)[rng.int(rows.length)];
      const first = 4 * rng.int(1000);
      const expected = d.flatMap((x, p) => (x <= threshold ? [[first + p, Math.min(x, FILTER_CAP)]] : []));
      // Padding rows of the last block are zero: they pass or fail like any row.
      const padding = scan(q, rows, threshold, first).filter(([p]) => p >= first + rows.length);
      expect(scan(q, rows, threshold, first).filter(([p]) => p < first + rows.length)).toEqual(expected);
      for (const [, sum] of padding) expect(sum).toBe(Math.min(exact(q, new Array(dim).fill(0)), FILTER_CAP));
    }
  });

  it("clamps sums at the cap: large distances of queries without wrapping differences read as the cap", () => {
    const rng = createRng(5);
    const value = () => (rng.int(2) ? 16383 - rng.int(50) : -16383 + rng.int(50));
    for (let t = 0; t < 100; t++) {
      const q = Array.from({ length: dim }, value);
      const rows = Array.from({ length: 1 + rng.int(40) }, () => Array.from({ length: dim }, value));
      const got = scan(q, rows, FILTER_ALL, 0).filter(([p]) => p < rows.length);
      expect(got).toEqual(rows.map((r, p) => [p, Math.min(exact(q, r), FILTER_CAP)]));
    }
  });

  it("never loses a row, and never sums above the exact distance, even when differences wrap", () => {
    const rng = createRng(11);
    const extreme = () => (rng.int(2) ? 32767 - rng.int(100) : -32768 + rng.int(100));
    for (let t = 0; t < 300; t++) {
      const q = Array.from({ length: dim }, () => (rng.int(3) === 0 ? extreme() : rng.int(65536) - 32768));
      const rows = Array.from({ length: 1 + rng.int(40) }, () =>
        Array.from({ length: dim }, () => (rng.int(3) === 0 ? extreme() : rng.int(65536) - 32768)),
      );
      const threshold = rng.int(2) ? FILTER_ALL : rng.int(2 ** 31);
      const got = new Map(scan(q, rows, threshold, 0));
      rows.forEach((r, p) => {
        const d = exact(q, r);
        // Whatever wraps, the filter's sum is at most the exact distance, so nothing within is lost.
        if (d <= threshold) expect(got.has(p)).toBe(true);
        if (got.has(p)) expect(got.get(p)! >>> 0).toBeLessThanOrEqual(d);
      });
    }
  });

  it("takes the k-th distance itself below the cap, and lets everything through above it", () => {
    expect(filterThreshold(12345)).toBe(12345);
    expect(filterThreshold(FILTER_CAP - 1)).toBe(FILTER_CAP - 1);
    expect(filterThreshold(FILTER_CAP)).toBe(FILTER_ALL);
    expect(filterThreshold(Number.POSITIVE_INFINITY)).toBe(FILTER_ALL);
  });
});
