import { wasm } from "@colorize/compute";
import { createRng } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { filterThreshold } from "./exactness.js";
import { SLOTS } from "./kernel-abi.js";
import { slotLayout } from "./kernel-memory.js";
import { scanKernel } from "./wasm-kernels.js";
import { scanModule } from "./wasm-scan.js";

describe("the SIMD leaf filter", () => {
  const dim = 9;
  const layout = slotLayout(dim, 40);
  const module = scanModule(layout);

  it("compiles on this runtime (Node 20 has WebAssembly SIMD)", () => {
    expect(module).not.toBeNull();
  });

  it("lists exactly the rows whose float32 distance is within the threshold, in order", () => {
    const rng = createRng(3);
    const rowsBase = SLOTS * layout.slotBytes;
    const memory = wasm.sharedMemory(rowsBase + 10 * dim * 16);
    const scan = scanKernel(module!, memory);
    const f = new Float32Array(memory.buffer);
    const slot = 3 * layout.slotBytes;
    const ROWS = rowsBase / 4;
    const survivors = new Int32Array(memory.buffer, slot + layout.survivors, layout.leafCap);
    for (let t = 0; t < 50; t++) {
      const q = Array.from({ length: dim }, () => rng.int(25501));
      for (let j = 0; j < dim; j++) for (let l = 0; l < 4; l++) f[slot / 4 + j * 4 + l] = q[j];
      const rows = 1 + rng.int(40);
      const d32: number[] = [];
      for (let r = 0; r < rows; r++) {
        let d = 0;
        for (let j = 0; j < dim; j++) {
          const v = Math.max(0, Math.min(25500, q[j] + rng.int(2001) - 1000));
          f[ROWS + (r >> 2) * dim * 4 + j * 4 + (r & 3)] = v;
          d = Math.fround(d + Math.fround((q[j] - v) * (q[j] - v)));
        }
        d32.push(d);
      }
      const threshold = [...d32].sort((a, b) => a - b)[rng.int(rows)];
      const blocks = (rows + 3) >> 2;
      for (let r = rows; r < blocks * 4; r++)
        for (let j = 0; j < dim; j++) f[ROWS + (r >> 2) * dim * 4 + j * 4 + (r & 3)] = Number.NaN;
      const first = 4 * rng.int(1000);
      const n = scan(slot, rowsBase, rowsBase + blocks * dim * 16, threshold, first);
      const expected: number[] = [];
      for (let r = 0; r < rows; r++) if (d32[r] <= threshold) expected.push(first + r);
      expect(Array.from(survivors.subarray(0, n))).toEqual(expected);
    }
  });

  it("never loses a row at the k-th distance: the float32 threshold covers every exact distance below it", () => {
    const rng = createRng(11);
    for (let t = 0; t < 20_000; t++) {
      let exact = 0;
      let f32 = 0;
      for (let j = 0; j < dim; j++) {
        const diff = rng.int(51001) - 25500;
        exact += diff * diff;
        f32 = Math.fround(f32 + Math.fround(diff * diff));
      }
      expect(f32 <= filterThreshold(exact)).toBe(true);
    }
    expect(filterThreshold(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
