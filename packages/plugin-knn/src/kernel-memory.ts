import { wasm } from "@colorize/compute";
import {
  blockBytes,
  type KernelLayout,
  MAX_K,
  NODE_BYTES,
  SLOTS,
  type SlotLayout,
  TREE_REGIONS,
  type TreeRegion,
} from "./kernel-abi.js";

/**
 * Where everything sits in the one shared memory the WebAssembly search reads, computed here and
 * only here (and checked: aligned, disjoint, inside the memory). From byte 0: SLOTS query slots
 * (one per thread, see SlotLayout), then the tree's arrays (see TREE_REGIONS).
 */

/** The slot layout for rows of `dim` values and leaves of at most `leafCap` rows. */
export function slotLayout(dim: number, leafCap: number): SlotLayout {
  const cap = wasm.alignUp(leafCap, 4);
  const f64s = { bytes: dim * 8, align: 8 };
  const { offsets, end } = wasm.packRegions(0, {
    splat: { bytes: blockBytes(dim), align: 16 },
    survivors: { bytes: cap * 8, align: 8 },
    exact: { bytes: 4, align: 4 },
    query: f64s,
    rotated: f64s,
    offsets: f64s,
    bestD: { bytes: MAX_K * 8, align: 8 },
    bestI: { bytes: MAX_K * 4, align: 4 },
  });
  return { dim, leafCap: cap, slotBytes: wasm.alignUp(end, 16), ...offsets };
}

/** Sizes that fix a tree's layout. */
export interface TreeSizes {
  readonly dim: number;
  /** The largest leaf, in rows. */
  readonly leafCap: number;
  readonly nodeCount: number;
  /** Positions in leaf order (every leaf padded to a multiple of four). */
  readonly positions: number;
  /** Entries of `members` (training rows). */
  readonly members: number;
}

/** Lays out the slots and a tree of the given sizes (see {@link KernelLayout}). */
export function kernelLayout(sizes: TreeSizes): KernelLayout {
  const { dim, nodeCount, positions } = sizes;
  if (positions % 4 !== 0) throw new RangeError(`positions (${positions}) must be a multiple of four`);
  const slot = slotLayout(dim, sizes.leafCap);
  const slotsEnd = SLOTS * slot.slotBytes;
  const i32s = (n: number) => ({ bytes: n * 4, align: 4 });
  const sizeOf: Readonly<Record<TreeRegion, wasm.RegionSpec>> = {
    nodes: { bytes: nodeCount * NODE_BYTES, align: 64 },
    root: { bytes: dim * 16, align: 8 },
    first: i32s(positions + 1),
    members: i32s(sizes.members),
    rows: { bytes: (positions / 4) * blockBytes(dim), align: 16 },
  };
  const specs = Object.fromEntries(TREE_REGIONS.map((n) => [n, sizeOf[n]])) as typeof sizeOf;
  const { offsets, end } = wasm.packRegions(slotsEnd, specs);
  const regions = [
    { name: "slots", offset: 0, bytes: slotsEnd, align: 16 },
    ...TREE_REGIONS.map((name) => ({ name, offset: offsets[name], ...specs[name] })),
  ];
  return { slot, arrays: offsets, regions, bytes: end };
}
