import type { wasm } from "@colorize/compute";
import { type KernelLayout, MAX_K, TREE_REGIONS } from "./kernel-abi.js";

/**
 * Instances of a tree's compiled kernels on the calling thread. The modules are assembled and
 * compiled once, where the tree is built (tree-storage.ts), and travel with the tree to worker
 * threads, which only instantiate them: nothing here loads the assembler.
 */

/** A tree's compiled kernels: the leaf filter, and the whole search where it compiled. */
export interface TreeKernels {
  readonly scan: wasm.WasmModule;
  readonly search: wasm.WasmModule | null;
}

/** The scan function: (slot byte offset, first block byte offset, end byte offset, threshold, first position) -> survivors. */
export type ScanFn = (slot: number, from: number, to: number, threshold: number, position: number) => number;

/** An instance of the search over one memory. */
export interface SearchKernel {
  /**
   * Points the instance at the tree laid out as `layout` in its memory (kernel-memory.ts checked
   * its regions when it laid them out), to find `k` neighbours (1..MAX_K).
   */
  setup(layout: KernelLayout, k: number): void;
  /** Searches the query held in a slot (its float64 and rotated forms filled in). */
  search(slot: number): void;
}

function instantiate(module: wasm.WasmModule, memory: wasm.WasmMemory): Record<string, unknown> {
  const api = (globalThis as unknown as { WebAssembly?: wasm.WasmApi }).WebAssembly;
  if (!api) throw new Error("WebAssembly is not available");
  return new api.Instance(module, { env: { memory } }).exports;
}

/** Instantiates the scan kernel (wasm-scan.ts) over `memory`. */
export function scanKernel(module: wasm.WasmModule, memory: wasm.WasmMemory): ScanFn {
  return instantiate(module, memory).scan as ScanFn;
}

/** Instantiates the search kernel (wasm-search.ts) over `memory`. */
export function searchKernel(module: wasm.WasmModule, memory: wasm.WasmMemory): SearchKernel {
  const exports = instantiate(module, memory);
  const setup = exports.setup as (...values: number[]) => void;
  return {
    setup(layout, k) {
      if (layout.bytes > memory.buffer.byteLength)
        throw new RangeError(
          `the layout needs ${layout.bytes} bytes; the memory has ${memory.buffer.byteLength}`,
        );
      if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new RangeError(`k = ${k} is outside 1..${MAX_K}`);
      setup(...TREE_REGIONS.map((n) => layout.arrays[n]), k);
    },
    search: exports.search as (slot: number) => void,
  };
}
