import type { wasm } from "@colorize/compute";
import type { CollapsedRows } from "./collapse.js";
import { int16Centre } from "./exactness.js";
import { blockBytes, type KernelLayout, NODE_BYTES, NODE_FIELDS, rowValueOffset } from "./kernel-abi.js";
import { type PrincipalAxes, principalAxes, rotateRows } from "./pca.js";
import { treeStorage } from "./tree-storage.js";
import type { TreeKernels } from "./wasm-kernels.js";

/**
 * A kd-tree over distinct training rows, flat and transferable (every array may live in shared
 * memory). Splits are made in the principal-axes frame, at the median of the axis of largest
 * variance; every node keeps the bounding box of its points in that frame. Leaves are
 * contiguous ranges of positions, each starting at a multiple of four; positions that only pad a
 * leaf to a multiple of four have no members (and NaN in `points`, 0 in the blocks). Rows' exact
 * integer values are kept in leaf order either as int16 blocks of four in `memory`, less
 * `centre`, for the SIMD leaf filter (see wasm-scan.ts and kernel-memory.ts), or, without it,
 * in `points`.
 */
export interface KdTree {
  readonly dim: number;
  readonly nodeCount: number;
  /** Axes and mean of the frame the tree is split in. */
  readonly mean: Float64Array;
  readonly axes: Float64Array;
  /** Per node: -1 for a leaf, else the left child (the right child is `right[node]`). */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Per internal node: the axis its children were split on. */
  readonly axis: Int32Array;
  /** Per leaf node: its range `[begin, end)` of positions. */
  readonly begin: Int32Array;
  readonly end: Int32Array;
  /** Per node: bounding box of its points in the rotated frame, `nodeCount * dim` each. */
  readonly boxLo: Float64Array;
  readonly boxHi: Float64Array;
  /** Subtracted from every value stored in `memory`'s int16 blocks (0 without them). */
  readonly centre: number;
  /** The smallest and largest value of any training row. */
  readonly lo: number;
  readonly hi: number;
  /** Rows in leaf order, `positions * dim` (empty when `memory` holds them). */
  readonly points: Float64Array;
  /**
   * The training rows equal to the distinct row at position p are `members[first[p] .. first[p + 1])`,
   * ascending (none for padding). Both arrays are in position order, so a leaf's members lie
   * together in memory, next to its rows.
   */
  readonly first: Int32Array;
  readonly members: Int32Array;
  /** Number of training rows before collapsing. */
  readonly rows: number;
  /** The SIMD search's memory (query slots, then every array above but `points`), when in use. */
  readonly memory?: wasm.WasmMemory;
  /** Where everything sits in `memory`. */
  readonly layout?: KernelLayout;
  /** The compiled kernels that search `memory` (posted with the tree to worker threads). */
  readonly kernels?: TreeKernels;
}

/** Allocates a typed array, in shared memory when `shared` (so worker threads can read it). */
export function allocate<T extends Int32Array | Float64Array>(
  Ctor: { new (buffer: ArrayBufferLike): T; new (n: number): T; BYTES_PER_ELEMENT: number },
  n: number,
  shared: boolean,
): T {
  return shared ? new Ctor(new SharedArrayBuffer(Math.max(1, n) * Ctor.BYTES_PER_ELEMENT)) : new Ctor(n);
}

function share<T extends Int32Array | Float64Array>(a: T, shared: boolean): T {
  if (!shared) return a;
  const Ctor = a.constructor as { new (n: ArrayBufferLike): T; BYTES_PER_ELEMENT: number };
  const out = new Ctor(new SharedArrayBuffer(Math.max(1, a.length) * Ctor.BYTES_PER_ELEMENT));
  out.set(a);
  return out;
}

/**
 * Rearranges rows lo..hi-1 of `rows` (`dim` values each, moved together with `perm`) so that row
 * `nth` holds the row of rank nth by value on `axis`, smaller-or-equal ones before it and
 * greater-or-equal ones after. Rows move physically so every pass reads memory in order.
 */
function select(
  rows: Float64Array,
  perm: Int32Array,
  dim: number,
  axis: number,
  lo: number,
  hi: number,
  nth: number,
): void {
  let l = lo;
  let r = hi - 1;
  while (r > l) {
    const pivot = rows[((l + r) >> 1) * dim + axis];
    let i = l;
    let j = r;
    while (i <= j) {
      while (rows[i * dim + axis] < pivot) i++;
      while (rows[j * dim + axis] > pivot) j--;
      if (i <= j) {
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        const io = i * dim;
        const jo = j * dim;
        for (let c = 0; c < dim; c++) {
          const v = rows[io + c];
          rows[io + c] = rows[jo + c];
          rows[jo + c] = v;
        }
        i++;
        j--;
      }
    }
    if (nth <= j) r = j;
    else if (nth >= i) l = i;
    else return;
  }
}

/** The bounding box of rows s..e-1 of `rot` into `boxLo`/`boxHi` at `bo`. */
function leafBox(
  rot: Float64Array,
  dim: number,
  s: number,
  e: number,
  boxLo: Float64Array,
  boxHi: Float64Array,
  bo: number,
): void {
  for (let j = 0; j < dim; j++) {
    boxLo[bo + j] = Number.POSITIVE_INFINITY;
    boxHi[bo + j] = Number.NEGATIVE_INFINITY;
  }
  for (let i = s; i < e; i++) {
    const po = i * dim;
    for (let j = 0; j < dim; j++) {
      const v = rot[po + j];
      if (v < boxLo[bo + j]) boxLo[bo + j] = v;
      if (v > boxHi[bo + j]) boxHi[bo + j] = v;
    }
  }
}

/** The axis of largest variance of rows s..e-1 of `rot`, estimated from at most ~256 evenly spaced rows. */
function largestVarianceAxis(
  rot: Float64Array,
  dim: number,
  s: number,
  e: number,
  sum: Float64Array,
  sum2: Float64Array,
): number {
  sum.fill(0);
  sum2.fill(0);
  const step = Math.max(1, Math.floor((e - s) / 256));
  let m = 0;
  for (let i = s; i < e; i += step, m++) {
    const po = i * dim;
    for (let j = 0; j < dim; j++) {
      const v = rot[po + j];
      sum[j] += v;
      sum2[j] += v * v;
    }
  }
  let axis = 0;
  let best = -1;
  for (let j = 0; j < dim; j++) {
    const v = sum2[j] / m - (sum[j] / m) * (sum[j] / m);
    if (v > best) {
      best = v;
      axis = j;
    }
  }
  return axis;
}

/** Children are numbered after their parent, so a backward pass unites boxes bottom-up. */
function uniteBoxes(
  nodeCount: number,
  dim: number,
  left: Int32Array,
  right: Int32Array,
  boxLo: Float64Array,
  boxHi: Float64Array,
): void {
  for (let node = nodeCount - 1; node >= 0; node--) {
    const l = left[node];
    if (l < 0) continue;
    const r = right[node];
    for (let j = 0; j < dim; j++) {
      boxLo[node * dim + j] = Math.min(boxLo[l * dim + j], boxLo[r * dim + j]);
      boxHi[node * dim + j] = Math.max(boxHi[l * dim + j], boxHi[r * dim + j]);
    }
  }
}

/**
 * Writes the distinct rows in leaf order: each leaf's rows from position `begin[leaf]` on (its
 * range renumbered into positions, padded to a multiple of four), their members in `first` and
 * `members`, and their values in `points` or, for the SIMD filter, in int16 `blocks` less `centre`.
 */
function placeRows(
  rows: CollapsedRows,
  dim: number,
  leaves: readonly number[],
  perm: Int32Array,
  begin: Int32Array,
  end: Int32Array,
  first: Int32Array,
  members: Int32Array,
  points: Float64Array | undefined,
  blocks: Int16Array | undefined,
  centre: number,
): void {
  const { start, unique } = rows;
  // rowValueOffset(p, j) / 2 = base(p) + lane(j): the int16 index of value j of position p.
  const lane = new Int32Array(dim);
  for (let j = 0; j < dim; j++) lane[j] = rowValueOffset(0, j, dim) >> 1;
  const blockValues = blockBytes(dim) >> 1;
  let cursor = 0;
  let m = 0;
  for (const leaf of leaves) {
    const s = begin[leaf];
    const e = end[leaf];
    begin[leaf] = cursor;
    for (let i = s; i < e; i++, cursor++) {
      const g = perm[i];
      const go = g * dim;
      first[cursor] = m;
      for (let r = start[g]; r < start[g + 1]; r++) members[m++] = rows.members[r];
      if (points) for (let j = 0; j < dim; j++) points[cursor * dim + j] = unique[go + j];
      if (blocks) {
        const base = (cursor >> 2) * blockValues + (cursor & 3) * 2;
        for (let j = 0; j < dim; j++) blocks[base + lane[j]] = unique[go + j] - centre;
      }
    }
    end[leaf] = cursor;
    for (; cursor & 3; cursor++) first[cursor] = m;
  }
}

/** Options of {@link buildKdTree}. */
export interface KdTreeOptions {
  /** Largest leaf, in distinct rows (default 128). */
  readonly leafSize?: number;
  /** Put every array in shared memory for worker threads (default false). */
  readonly shared?: boolean;
  /** Lay rows out for the WebAssembly SIMD filter when the runtime has it (default true). */
  readonly simd?: boolean;
  /** Axes to split in; computed from the distinct rows by default. */
  readonly axes?: PrincipalAxes;
}

// Rows the principal axes are estimated from. The axes only shape the tree (every search is exact
// in any orthonormal frame), and 2^16 evenly spaced rows fix them as well as a million do.
const PCA_SAMPLE = 1 << 16;

/** At most `max` rows of `rows` (`dim` values each), evenly spaced; `rows` itself when it has no more. */
function evenlySpaced(rows: Int32Array, dim: number, max: number): Int32Array {
  const n = rows.length / dim;
  if (n <= max) return rows;
  const out = new Int32Array(max * dim);
  for (let i = 0; i < max; i++) {
    const r = Math.floor((i * n) / max);
    out.set(rows.subarray(r * dim, r * dim + dim), i * dim);
  }
  return out;
}

/** Builds a {@link KdTree} over the distinct rows of a collapsed training set. O(n log n). */
export function buildKdTree(rows: CollapsedRows, dim: number, options: KdTreeOptions = {}): KdTree {
  const leafSize = Math.max(1, options.leafSize ?? 128);
  const shared = options.shared ?? false;
  const n = rows.count;
  const pca = options.axes ?? principalAxes(evenlySpaced(rows.unique, dim, PCA_SAMPLE), dim);
  const rot = rotateRows(pca, rows.unique);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;

  const maxNodes = Math.max(1, 2 * Math.ceil((2 * n) / leafSize) + 1);
  const left = new Int32Array(maxNodes).fill(-1);
  const right = new Int32Array(maxNodes).fill(-1);
  const splitAxis = new Int32Array(maxNodes).fill(-1);
  const begin = new Int32Array(maxNodes);
  const end = new Int32Array(maxNodes);
  const boxLo = new Float64Array(maxNodes * dim);
  const boxHi = new Float64Array(maxNodes * dim);
  const sum = new Float64Array(dim);
  const sum2 = new Float64Array(dim);
  let nodeCount = 1;
  const leaves: number[] = [];
  const stack: number[] = [0, 0, n];
  while (stack.length > 0) {
    const e = stack.pop()!;
    const s = stack.pop()!;
    const node = stack.pop()!;
    begin[node] = s;
    end[node] = e;
    if (e - s <= leafSize) {
      leaves.push(node);
      leafBox(rot, dim, s, e, boxLo, boxHi, node * dim);
      continue;
    }
    const axis = largestVarianceAxis(rot, dim, s, e, sum, sum2);
    const mid = (s + e) >> 1;
    select(rot, perm, dim, axis, s, e, mid);
    const l = nodeCount++;
    const r = nodeCount++;
    left[node] = l;
    right[node] = r;
    splitAxis[node] = axis;
    stack.push(r, mid, e, l, s, mid);
  }
  uniteBoxes(nodeCount, dim, left, right, boxLo, boxHi);

  // Leaves come out of the depth-first build in ascending order of their perm ranges.
  leaves.sort((a, b) => begin[a] - begin[b]);
  let positions = 0;
  let largest = 0;
  for (const leaf of leaves) {
    positions += (end[leaf] - begin[leaf] + 3) & ~3;
    largest = Math.max(largest, end[leaf] - begin[leaf]);
  }
  // With SIMD, every array the WebAssembly search reads lives in one shared memory (see
  // kernel-memory.ts). A tree too big for a 32-bit memory is searched in plain JavaScript instead.
  const sizes = {
    dim,
    leafCap: largest,
    nodeCount,
    positions,
    members: rows.members.length,
  };
  // The SIMD filter keeps values as int16 less a centre, which needs them to span under 65535.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rows.unique.length; i++) {
    const v = rows.unique[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const centre = n > 0 ? int16Centre(lo, hi) : 0;
  const storage = treeStorage(sizes, (options.simd ?? true) && centre !== undefined, shared);
  const { layout, memory, kernels } = storage;
  const simd = layout !== undefined;
  const blocks = simd
    ? storage.place(Int16Array, "rows", (positions / 4) * (blockBytes(dim) / 2))
    : undefined;
  const points = storage.own(Float64Array, simd ? 0 : positions * dim);
  const first = storage.place(Int32Array, "first", positions + 1);
  const members = storage.place(Int32Array, "members", rows.members.length);
  points.fill(Number.NaN);
  const c = simd ? (centre as number) : 0;
  placeRows(rows, dim, leaves, perm, begin, end, first, members, simd ? undefined : points, blocks, c);
  first[positions] = rows.members.length;
  const copy = <T extends Int32Array | Float64Array>(
    Ctor: { new (b: ArrayBufferLike, o: number, n: number): T; BYTES_PER_ELEMENT: number },
    from: T,
    n: number,
  ): T => {
    const view = storage.own(Ctor, n);
    view.set(from.subarray(0, n));
    return view;
  };
  if (simd) {
    // The kernels read the nodes as records (kernel-abi.ts), and the root's box.
    const records = storage.place(Int32Array, "nodes", (nodeCount * NODE_BYTES) / 4);
    const intervals = new Float64Array(records.buffer, records.byteOffset, records.length / 2);
    const stride = NODE_BYTES / 4;
    for (let node = 0; node < nodeCount; node++) {
      const o = node * stride;
      records[o + NODE_FIELDS.left / 4] = left[node];
      records[o + NODE_FIELDS.right / 4] = right[node];
      records[o + NODE_FIELDS.axis / 4] = splitAxis[node];
      records[o + NODE_FIELDS.begin / 4] = begin[node];
      records[o + NODE_FIELDS.end / 4] = end[node];
      const l = left[node];
      if (l < 0) continue;
      const r = right[node];
      const a = splitAxis[node];
      intervals[o / 2 + NODE_FIELDS.loL / 8] = boxLo[l * dim + a];
      intervals[o / 2 + NODE_FIELDS.hiL / 8] = boxHi[l * dim + a];
      intervals[o / 2 + NODE_FIELDS.loR / 8] = boxLo[r * dim + a];
      intervals[o / 2 + NODE_FIELDS.hiR / 8] = boxHi[r * dim + a];
    }
    const root = storage.place(Float64Array, "root", dim * 2);
    for (let j = 0; j < dim; j++) {
      root[2 * j] = boxLo[j];
      root[2 * j + 1] = boxHi[j];
    }
  }
  return {
    dim,
    nodeCount,
    mean: share(Float64Array.from(pca.mean), shared),
    axes: share(Float64Array.from(pca.axes), shared),
    left: copy(Int32Array, left, nodeCount),
    right: copy(Int32Array, right, nodeCount),
    axis: copy(Int32Array, splitAxis, nodeCount),
    begin: copy(Int32Array, begin, nodeCount),
    end: copy(Int32Array, end, nodeCount),
    first,
    members,
    boxLo: copy(Float64Array, boxLo, nodeCount * dim),
    boxHi: copy(Float64Array, boxHi, nodeCount * dim),
    centre: c,
    lo,
    hi,
    points,
    rows: rows.members.length,
    memory,
    layout,
    kernels,
  };
}
