import { filterThreshold } from "./exactness.js";
import type { KdTree } from "./kd-tree.js";
import { blockBytes, MAX_K, SLOTS } from "./kernel-abi.js";
import { type ScanFn, type SearchKernel, scanKernel, searchKernel } from "./wasm-kernels.js";

/**
 * One thread's query slot in a tree's WebAssembly memory, with the kernels instantiated over it:
 * the SIMD leaf filter always, and the whole search when asked for and k <= MAX_K. KdSearcher
 * (kd-search.ts) writes its queries here and reads the answers back.
 */
export class KernelSlot {
  /** The slot's rows of four float32 values (survivors of the last filter are positions into them). */
  readonly rows: Float32Array;
  readonly survivors: Int32Array;
  private readonly offset: number;
  private readonly splat: Float32Array;
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
    this.splat = new Float32Array(buffer, this.offset + s.splat, dim * 4);
    this.survivors = new Int32Array(buffer, this.offset + s.survivors, s.leafCap);
    this.rowsBase = layout.arrays.rows;
    this.rows = new Float32Array(buffer, this.rowsBase);
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

  /** Whether the whole search runs here ("wasm") or only the leaf filter ("js"). */
  get traversal(): "wasm" | "js" {
    return this.kernel ? "wasm" : "js";
  }

  /** Writes the query, each value in all four lanes, for the leaf filter. */
  setQuery(q: Float64Array): void {
    const sv = this.splat;
    for (let j = 0; j < q.length; j++) sv[j * 4] = sv[j * 4 + 1] = sv[j * 4 + 2] = sv[j * 4 + 3] = q[j];
  }

  /**
   * Filters positions [from, to) of a leaf at the float32 threshold for `kth` (exactness.ts);
   * returns how many survivors it wrote to {@link survivors}.
   */
  filter(from: number, to: number, kth: number): number {
    const base = this.rowsBase;
    const stride = this.stride;
    return this.scan(
      this.offset,
      base + (from >> 2) * stride,
      base + ((to + 3) >> 2) * stride,
      filterThreshold(kth),
      from,
    );
  }

  /**
   * Runs the whole search for query `q` (rotated: `qr`) in WebAssembly and writes its `k`
   * neighbours to `outI` / `outD` at `outOffset`. Only when {@link traversal} is "wasm".
   */
  search(q: Float64Array, qr: Float64Array, outI: Int32Array, outD: Float64Array, outOffset: number): void {
    const dim = q.length;
    const sq = this.query!;
    for (let j = 0; j < dim; j++) {
      sq[j] = q[j];
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
