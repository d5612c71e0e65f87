import { wasm } from "@colorize/compute";
import { type SlotLayout, TREE_REGIONS } from "./kernel-abi.js";
import { distanceFunction } from "./wasm-distance.js";
import { insertFunction } from "./wasm-insert.js";
import { leafFunction } from "./wasm-leaf.js";
import { KERNEL_MEMORY, scanFunction } from "./wasm-scan.js";
import { searchFunction, visitFunction } from "./wasm-visit.js";

const { get, gset } = wasm;

/**
 * The kd-tree search of kd-search.ts as one WebAssembly module: the traversal (wasm-visit.ts),
 * each leaf's box test, SIMD filter and exact distances (wasm-leaf.ts, wasm-scan.ts), and the
 * sorted best list (wasm-insert.ts). It is the same algorithm, statement for statement, as the
 * JavaScript searcher, which stays the readable reference and the fallback; its listing is
 * checked in beside the tests (kernels/*.wat).
 *
 * Per-thread state lives in the instance's globals (`kth`, `filled`, `slot`) and the thread's
 * slot; the tree lives in the shared memory at the addresses `setup` is given (wasm-kernels.ts).
 */

/** The module's bytes for a slot layout (rows of `slot.dim` values, leaves of <= `slot.leafCap`). */
export function searchModuleBytes(slot: SlotLayout): Uint8Array {
  const tree = Object.fromEntries(TREE_REGIONS.map((n) => [n, "i32" as const]));
  return wasm.assemble({
    memory: KERNEL_MEMORY,
    globals: {
      kth: { type: "f64" },
      filled: { type: "i32" },
      slot: { type: "i32" },
      ...Object.fromEntries(TREE_REGIONS.map((n) => [n, { type: "i32" as const }])),
      k: { type: "i32" },
    },
    funcs: [
      scanFunction(slot),
      distanceFunction(slot),
      insertFunction(slot),
      leafFunction(slot),
      visitFunction(slot),
      searchFunction(slot),
      {
        name: "setup",
        params: { ...tree, k: "i32" },
        body: [...TREE_REGIONS, "k"].map((n) => [get(n), gset(n)]),
      },
    ],
    exports: ["scan", "search", "setup"],
  });
}

/** The compiled module for a slot layout, or null where WebAssembly SIMD or shared memory is missing. */
export function searchModule(slot: SlotLayout): wasm.WasmModule | null {
  return wasm.compiledModule(`knn-search:${JSON.stringify(slot)}`, () => searchModuleBytes(slot));
}
