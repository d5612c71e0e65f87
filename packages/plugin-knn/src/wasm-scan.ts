import { wasm } from "@colorize/compute";
import { blockBytes, type SlotLayout } from "./kernel-abi.js";

const { block, br, brIf, get, i32c, if_, loop, mem, set, tee } = wasm;

/**
 * A WebAssembly SIMD kernel that filters a leaf of the kd-tree four rows at a time.
 *
 * `scan(slot, from, to, threshold, position)` walks the row blocks at byte offsets [from, to)
 * (see kernel-memory.ts: lane l of vector j of a block is value j of row 4b + l), whose first
 * row is `position`, writes the position of every row whose float32 squared distance to the
 * slot's splatted query is <= threshold to the slot's survivors, and returns how many it wrote.
 * Values are the rows' exact integers (|v| <= 2^21 is exact in float32). Dropping a block of four
 * early, once its partial sums over the leading principal axes exceed the threshold, was measured
 * and did not pay (the branch is unpredictable), so every block is summed in full.
 */

/** What the scan function depends on: the row length and two offsets of the slot. */
export type ScanShape = Pick<SlotLayout, "dim" | "splat" | "survivors">;

/** The scan function, for the search module to include too. */
export function scanFunction({ dim, splat, survivors }: ScanShape): wasm.FuncDef {
  const q = (j: number) => `q${j}`;
  // Squares summed pairwise, a tree of depth log2(dim) instead of a chain of dim - 1 dependent
  // additions; float32's error bound does not depend on the order.
  const square = (j: number): wasm.Code => [
    get(q(j)),
    get("from"),
    mem("v128.load", j * 16),
    "f32x4.sub",
    tee("t"),
    get("t"),
    "f32x4.mul",
  ];
  const sum = (lo: number, hi: number): wasm.Code =>
    hi - lo === 1 ? square(lo) : [sum(lo, (lo + hi) >> 1), sum((lo + hi) >> 1, hi), "f32x4.add"];
  // if (bits & (1 << lane)) { survivors[count] = position + lane; count++ }
  const keep = (lane: number): wasm.Code => [
    get("bits"),
    i32c(1 << lane),
    "i32.and",
    if_([
      [get("slot"), get("count"), i32c(2), "i32.shl", "i32.add"],
      [get("position"), i32c(lane), "i32.add"],
      mem("i32.store", survivors),
      [get("count"), i32c(1), "i32.add", set("count")],
    ]),
  ];
  const qs = Array.from({ length: dim }, (_, j) => j);
  return {
    name: "scan",
    params: { slot: "i32", from: "i32", to: "i32", threshold: "f32", position: "i32" },
    result: "i32",
    locals: {
      count: "i32",
      bits: "i32",
      th: "v128",
      t: "v128",
      acc: "v128",
      ...Object.fromEntries(qs.map((j) => [q(j), "v128" as const])),
    },
    body: [
      qs.map((j) => [get("slot"), mem("v128.load", splat + j * 16), set(q(j))]),
      [get("threshold"), "f32x4.splat", set("th")],
      block(
        "blocks",
        loop(
          "block",
          [get("from"), get("to"), "i32.ge_u", brIf("blocks")],
          [sum(0, dim), set("acc")],
          [get("acc"), get("th"), "f32x4.le", "i32x4.bitmask", tee("bits")],
          if_([0, 1, 2, 3].map(keep)),
          [get("position"), i32c(4), "i32.add", set("position")],
          [get("from"), i32c(blockBytes(dim)), "i32.add", set("from")],
          br("block"),
        ),
      ),
      get("count"),
    ],
  };
}

/** The shared memory every kernel imports as `env.memory`. */
export const KERNEL_MEMORY: wasm.MemoryDef = {
  import: ["env", "memory"],
  min: 1,
  max: wasm.MAX_PAGES,
  shared: true,
};

/** The scan module's bytes (imports the shared memory `env.memory`, exports `scan`). */
export function scanModuleBytes(shape: ScanShape): Uint8Array {
  return wasm.assemble({ memory: KERNEL_MEMORY, funcs: [scanFunction(shape)], exports: ["scan"] });
}

/** The compiled scan module, or null where WebAssembly SIMD or shared memory is missing. */
export function scanModule(slot: SlotLayout): wasm.WasmModule | null {
  const shape: ScanShape = { dim: slot.dim, splat: slot.splat, survivors: slot.survivors };
  return wasm.compiledModule(`knn-scan:${JSON.stringify(shape)}`, () => scanModuleBytes(shape));
}
