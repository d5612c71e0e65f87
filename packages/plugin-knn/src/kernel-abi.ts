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

/**
 * Vectors per block of four rows: vector v holds values 2v and 2v + 1 of each row as int16 (the
 * last one's second value is 0 when `dim` is odd).
 */
export function pairVectors(dim: number): number {
  return (dim + 1) >> 1;
}

/** Bytes of one splatted query or one block of four rows, for rows of `dim` values. */
export function blockBytes(dim: number): number {
  return pairVectors(dim) * 16;
}

/**
 * Byte offset, from the start of the rows, of value `j` of the row at position `p`: block
 * `p >> 2`, pair vector `j >> 1`, then the row's two int16 lanes `(p & 3) * 2` and one after.
 */
export function rowValueOffset(p: number, j: number, dim: number): number {
  return (p >> 2) * blockBytes(dim) + (j >> 1) * 16 + (p & 3) * 4 + (j & 1) * 2;
}

/**
 * One thread's slot, byte offsets from its start, for rows of `dim` values and leaves of at most
 * `leafCap` rows: the query as int16 pairs repeated in all four rows' lanes (`splat`, one vector
 * per pair of values, less the tree's centre), the leaf filter's survivors (`leafCap` pairs of
 * i32: position and filter sum), whether the filter sums are exact for this query (`exact`, an
 * i32 flag: see wasm-scan.ts), the
 * query less the centre as float64 (`query`), the query rotated into the
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
  readonly exact: number;
  readonly query: number;
  readonly rotated: number;
  readonly offsets: number;
  readonly bestD: number;
  readonly bestI: number;
}

/**
 * The tree's arrays in the kernel's memory, in the order they are laid out there (and in which
 * the search kernel declares its globals for them): the nodes as records (see
 * {@link NODE_FIELDS}), so that a step of the traversal reads one cache line; the root's box
 * (per axis, float64 low and high: 16 bytes); then, in position order, each position's first
 * member, the members, and the int16 row blocks.
 */
export const TREE_REGIONS = ["nodes", "root", "first", "members", "rows"] as const;

/**
 * One node's record in `nodes`: int32 fields, its left child (-1 for a leaf), its right child and
 * split axis, and for a leaf its range of positions [begin, end); then, for an inner node, float64
 * fields, the interval of each child's box on the split axis (`loL`, `hiL`, `loR`, `hiR`).
 */
export const NODE_FIELDS = {
  left: 0,
  right: 4,
  axis: 8,
  begin: 12,
  end: 16,
  loL: 24,
  hiL: 32,
  loR: 40,
  hiR: 48,
} as const;

/** Bytes of one node's record in `nodes` (a cache line). */
export const NODE_BYTES = 64;

/** One of the tree's arrays (see kd-tree.ts; `rows` holds the int16 blocks of four rows). */
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
