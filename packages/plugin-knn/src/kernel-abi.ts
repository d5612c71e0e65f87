import type { wasm } from "@colorize/compute";

/**
 * What the WebAssembly search kernel and the TypeScript around it agree on: the slots and their
 * limits, the names of the tree's arrays (the order of the kernel's globals and of `setup`'s
 * parameters) and the shapes of the layouts that kernel-memory.ts computes. Nothing here loads
 * the assembler at run time, so worker threads load it as plain JavaScript.
 */

/** Query slots: the calling thread plus up to 15 workers. */
export const SLOTS = 16;

/** Most neighbours a slot has room for (larger k searches without the WebAssembly traversal). */
export const MAX_K = 256;

/** Bytes of one splatted query or one block of four rows, for rows of `dim` values. */
export function blockBytes(dim: number): number {
  return dim * 16;
}

/**
 * One thread's slot, byte offsets from its start, for rows of `dim` values and leaves of at most
 * `leafCap` rows: the query as float32 with each value in all four lanes (`splat`, `dim` f32x4),
 * the leaf filter's survivors (`leafCap` i32), the query as float64 (`query`), rotated into the
 * tree's frame (`rotated`), the traversal's per-axis offsets (`offsets`), and the sorted best
 * distances (`bestD`, MAX_K f64) and training rows (`bestI`, MAX_K i32).
 */
export interface SlotLayout {
  readonly dim: number;
  /** Survivor capacity: the largest leaf rounded up to a multiple of four. */
  readonly leafCap: number;
  readonly slotBytes: number;
  readonly splat: number;
  readonly survivors: number;
  readonly query: number;
  readonly rotated: number;
  readonly offsets: number;
  readonly bestD: number;
  readonly bestI: number;
}

/**
 * The tree's arrays in the kernel's memory, in the order they are laid out there (and in which
 * the search kernel declares its globals for them).
 */
export const TREE_REGIONS = [
  "left",
  "right",
  "axis",
  "begin",
  "end",
  "boxLo",
  "boxHi",
  "group",
  "start",
  "members",
  "rows",
] as const;

/** One of the tree's arrays (see kd-tree.ts; `rows` holds the float32 blocks of four rows). */
export type TreeRegion = (typeof TREE_REGIONS)[number];

/** Byte address of each of the tree's arrays in the kernel's memory. */
export type TreeAddresses = Readonly<Record<TreeRegion, number>>;

/** The whole memory of a tree searched in WebAssembly. */
export interface KernelLayout {
  readonly slot: SlotLayout;
  readonly arrays: TreeAddresses;
  /** Every region placed, slots included, for `wasm.checkRegions`. */
  readonly regions: readonly wasm.Region[];
  /** Bytes the memory needs. */
  readonly bytes: number;
}
