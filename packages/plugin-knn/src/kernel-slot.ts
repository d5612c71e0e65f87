import { filterThreshold, INT16_MAX, INT16_MIN } from "./exactness.js";
import type { KdTree } from "./kd-tree.js";
import { blockBytes, MAX_K, pairVectors, SLOTS } from "./kernel-abi.js";
import { type ScanFn, type SearchKernel, scanKernel, searchKernel } from "./wasm-kernels.js";

/**
 * One thread's query slot in a tree's WebAssembly memory, with the kernels instantiated over it:
 * the SIMD leaf filter always, and the whole search when asked for and k <= MAX_K. KdSearcher
 * (kd-search.ts) writes its queries here and reads the answers back.
 */
export class KernelSlot {
  /** The tree's int16 row blocks (survivors of the last filter are positions into them). */
  readonly rows: Int16Array;
  readonly survivors: Int32Array;
  private readonly offset: number;
  private readonly splat: Int32Array;
  private readonly centre: number;
  private readonly lo: number;
  private readonly hi: number;
  /** The slot's flag: whether the filter sums are exact distances (below 2^31) for the query. */
  private readonly exact: Int32Array;
  private readonly scan: ScanFn;
  private readonly rowsBase: number;
  private readonly stride: number;
  private readonly kernel: SearchKernel | undefined;
  private readonly query: Float64Array | undefined;
  private readonly bestD: Float64Array | undefined;
  private readonly bestI: Int32Array | undefined;

  /** Slot `slot` of `tree`'s memory, or undefined when the tree has no WebAssembly kernels. */
  static open(tree: KdTree, slot: number, k: number, traversal: "wasm" | "js"): KernelSlot | undefined {
    if (slot < 0 || slot >= SLOTS) throw new RangeError(`query slot ${slot} is out of range`);
    return tree.kernels && tree.memory && tree.layout ? new KernelSlot(tree, slot, k, traversal) : undefined;
  }

  private constructor(tree: KdTree, slot: number, k: number, traversal: "wasm" | "js") {
    const { layout, kernels, memory, dim } = tree as Required<KdTree>;
    const { buffer } = memory;
    const s = layout.slot;
    this.offset = slot * s.slotBytes;
    this.scan = scanKernel(kernels.scan, memory);
    this.splat = new Int32Array(buffer, this.offset + s.splat, pairVectors(dim) * 4);
    this.centre = tree.centre;
    this.lo = tree.lo;
    this.hi = tree.hi;
    this.exact = new Int32Array(buffer, this.offset + s.exact, 1);
    this.survivors = new Int32Array(buffer, this.offset + s.survivors, 2 * s.leafCap);
    this.rowsBase = layout.arrays.rows;
    this.rows = new Int16Array(buffer, this.rowsBase, (buffer.byteLength - this.rowsBase) >> 1);
    this.stride = blockBytes(dim);
    const full = traversal === "wasm" && k > 0 && k <= MAX_K ? kernels.search : null;
    if (full) {
      this.kernel = searchKernel(full, memory);
      this.kernel.setup(layout, k);
      // The float64 query and its rotation are adjacent in the slot (query, then rotated).
      this.query = new Float64Array(buffer, this.offset + s.query, 2 * dim);
      this.bestD = new Float64Array(buffer, this.offset + s.bestD, k);
      this.bestI = new Int32Array(buffer, this.offset + s.bestI, k);
    }
  }

  /** Whether the last query's filter sums below FILTER_CAP are exact distances (see wasm-scan.ts). */
  get exactSums(): boolean {
    return this.exact[0] === 1;
  }

  /** Whether the whole search runs here ("wasm") or only the leaf filter ("js"). */
  get traversal(): "wasm" | "js" {
    return this.kernel ? "wasm" : "js";
  }

  /** Whether every value of `q`, less the tree's centre, fits the kernels' int16 lanes. */
  fits(q: ArrayLike<number>): boolean {
    for (let j = 0; j < q.length; j++) {
      const v = q[j] - this.centre;
      if (v < INT16_MIN || v > INT16_MAX) return false;
    }
    return true;
  }

  /**
   * Writes the query (less the centre, which must fit int16: see {@link fits}) for the leaf
   * filter: each pair of values as one 32-bit word, repeated for the four rows of a block.
   */
  setQuery(q: Float64Array): void {
    const sv = this.splat;
    const c = this.centre;
    // No difference with a stored value leaves int16 when every value is within 32767 of them all.
    let exact = 1;
    for (let j = 0; j < q.length; j++)
      if (q[j] - this.lo > INT16_MAX || this.hi - q[j] > INT16_MAX) exact = 0;
    this.exact[0] = exact;
    for (let v = 0, j = 0; j < q.length; v++, j += 2) {
      const lo = (q[j] - c) & 0xffff;
      const hi = j + 1 < q.length ? q[j + 1] - c : 0;
      sv[v * 4] = sv[v * 4 + 1] = sv[v * 4 + 2] = sv[v * 4 + 3] = lo | (hi << 16);
    }
  }

  /**
   * Filters positions [from, to) of a leaf (in whole blocks of four, so positions up to three
   * before `from` or past `to` may survive too) at the integer threshold for `kth` (exactness.ts); returns how
   * survivors it wrote to {@link survivors}, in ascending order: pairs of a position and its filter
   * sum, which is the exact distance when {@link exactSums} and it is below FILTER_CAP.
   */
  filter(from: number, to: number, kth: number): number {
    const base = this.rowsBase;
    const stride = this.stride;
    return this.scan(
      this.offset,
      base + (from >> 2) * stride,
      base + ((to + 3) >> 2) * stride,
      filterThreshold(kth),
      from & ~3,
    );
  }

  /**
   * Runs the whole search for query `q` (rotated: `qr`) in WebAssembly and writes its `k`
   * neighbours to `outI` / `outD` at `outOffset`. Only when {@link traversal} is "wasm".
   */
  search(q: Float64Array, qr: Float64Array, outI: Int32Array, outD: Float64Array, outOffset: number): void {
    const dim = q.length;
    const sq = this.query!;
    const c = this.centre;
    for (let j = 0; j < dim; j++) {
      sq[j] = q[j] - c;
      sq[dim + j] = qr[j];
    }
    this.kernel!.search(this.offset);
    const bd = this.bestD!;
    const bi = this.bestI!;
    for (let j = 0; j < bd.length; j++) {
      outI[outOffset + j] = bi[j];
      outD[outOffset + j] = bd[j];
    }
  }
}
