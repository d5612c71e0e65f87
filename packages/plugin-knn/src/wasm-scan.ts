import { wasm } from "@colorize/compute";
import { FILTER_CAP } from "./exactness.js";
import { blockBytes, pairVectors, type SlotLayout } from "./kernel-abi.js";

const { block, br, brIf, get, i32c, if_, loop, mem, op, set, tee } = wasm;

/**
 * A WebAssembly SIMD kernel that filters a leaf of the kd-tree four rows at a time, in integer
 * arithmetic.
 *
 * `scan(slot, from, to, threshold, position)` walks the row blocks at byte offsets [from, to)
 * (see kernel-memory.ts: vector v of a block holds values 2v and 2v + 1 of its four rows as int16,
 * row by row), whose first row is `position`, and writes every row whose filter sum is at most
 * `threshold` (unsigned) to the slot's survivors as a pair (position, sum); it returns how many
 * pairs it wrote.
 *
 * Per vector, `i16x8.sub` takes the differences with the slot's query and `i32x4.dot_i16x8_s`
 * squares and sums each row's pair of them; the pairs are summed unsigned, each sum clamped to
 * 2^31 - 1 (`i32x4.min_u`, FILTER_CAP). When no difference leaves int16 (the query is within 32767
 * of every stored value: see KernelSlot), every pair is below 2^31 - 1, no sum of two can wrap,
 * and the filter sum is the exact squared distance when it is below the cap and the cap otherwise. A difference that wraps only
 * loses a multiple of 2^16, and a sum that wraps only loses 2^32: the filter sum never exceeds the
 * exact distance, so whatever the query, every row within the threshold survives (see
 * exactness.ts for the threshold), and the caller recomputes the exact distances of such a
 * query's survivors.
 */

/** What the scan function depends on: the row length and two offsets of the slot. */
export type ScanShape = Pick<SlotLayout, "dim" | "splat" | "survivors">;

/** The scan function, for the search module to include too. */
export function scanFunction({ dim, splat, survivors }: ScanShape): wasm.FuncDef {
  const pairs = pairVectors(dim);
  const q = (v: number) => `q${v}`;
  // A row's two squared differences of pair vector v, summed: four rows at a time.
  const square = (v: number): wasm.Code => [
    get(q(v)),
    get("from"),
    mem("v128.load", v * 16),
    "i16x8.sub",
    tee("t"),
    get("t"),
    "i32x4.dot_i16x8_s",
  ];
  // Pairwise sums, a tree of depth log2(pairs) instead of a chain of dependent additions, each
  // clamped to 2^31 so that the next one cannot wrap.
  const sum = (lo: number, hi: number): wasm.Code =>
    hi - lo === 1
      ? square(lo)
      : [sum(lo, (lo + hi) >> 1), sum((lo + hi) >> 1, hi), "i32x4.add", get("cap"), "i32x4.min_u"];
  // if (bits & (1 << lane)) { survivors[count] = (position + lane, sum of lane); count++ }
  const keep = (lane: number): wasm.Code => [
    get("bits"),
    i32c(1 << lane),
    "i32.and",
    if_([
      [get("slot"), get("count"), i32c(3), "i32.shl", "i32.add", tee("at")],
      [get("position"), i32c(lane), "i32.add"],
      mem("i32.store", survivors),
      [get("at"), get("acc"), op("i32x4.extract_lane", lane), mem("i32.store", survivors + 4)],
      [get("count"), i32c(1), "i32.add", set("count")],
    ]),
  ];
  const vs = Array.from({ length: pairs }, (_, v) => v);
  return {
    name: "scan",
    params: { slot: "i32", from: "i32", to: "i32", threshold: "i32", position: "i32" },
    result: "i32",
    locals: {
      count: "i32",
      bits: "i32",
      at: "i32",
      th: "v128",
      cap: "v128",
      t: "v128",
      acc: "v128",
      ...Object.fromEntries(vs.map((v) => [q(v), "v128" as const])),
    },
    body: [
      vs.map((v) => [get("slot"), mem("v128.load", splat + v * 16), set(q(v))]),
      [get("threshold"), "i32x4.splat", set("th")],
      [i32c(FILTER_CAP), "i32x4.splat", set("cap")],
      block(
        "blocks",
        loop(
          "block",
          [get("from"), get("to"), "i32.ge_u", brIf("blocks")],
          [sum(0, pairs), tee("acc"), get("th"), "i32x4.le_u", "i32x4.bitmask", tee("bits")],
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
