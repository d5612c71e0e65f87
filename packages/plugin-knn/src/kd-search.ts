import { FILTER_CAP, PRUNE_SLACK } from "./exactness.js";
import type { KdTree } from "./kd-tree.js";
import { rowValueOffset } from "./kernel-abi.js";
import { KernelSlot } from "./kernel-slot.js";

/**
 * Exact k-nearest-neighbour search in a {@link KdTree}: depth-first, nearer child first,
 * children skipped when their bound is farther than the current k-th neighbour. The JavaScript
 * here is the readable statement of the algorithm; wasm-search.ts runs the same steps.
 * Neighbours are ordered by (squared distance, training row), exactly as brute force orders
 * them; a distinct row found near enough expands to its member rows in ascending order.
 */
export class KdSearcher {
  readonly tree: KdTree;
  private readonly k: number;
  private readonly bestD: Float64Array;
  private readonly bestI: Int32Array;
  private readonly q: Float64Array;
  private readonly qr: Float64Array;
  private readonly off: Float64Array;
  private filled = 0;
  private kth = Number.POSITIVE_INFINITY;
  /** This thread's slot in the tree's WebAssembly memory, when the tree has one. */
  private readonly wasm: KernelSlot | undefined;
  /** The tree's int16 row blocks, when its rows live in its WebAssembly memory. */
  private readonly rows: Int16Array | undefined;
  /** Leaves scanned by the JavaScript traversal since construction (for benchmarks). */
  leavesVisited = 0;

  /**
   * `slot` is this thread's query slot in the tree's WebAssembly memory (each thread needs its
   * own). With that memory, `traversal` "wasm" (default) runs the whole search in WebAssembly
   * (wasm-search.ts, for k <= 256) and "js" runs the traversal below with only the leaf filter in
   * WebAssembly; without it, or with "plain", everything runs in plain JavaScript.
   */
  constructor(tree: KdTree, k: number, slot = 0, traversal: "wasm" | "js" | "plain" = "wasm") {
    this.tree = tree;
    this.k = Math.min(k, tree.rows);
    this.bestD = new Float64Array(this.k);
    this.bestI = new Int32Array(this.k);
    this.q = new Float64Array(tree.dim);
    this.qr = new Float64Array(tree.dim);
    this.off = new Float64Array(tree.dim);
    this.wasm = traversal === "plain" ? undefined : KernelSlot.open(tree, slot, this.k, traversal);
    this.rows =
      tree.memory && tree.layout
        ? new Int16Array(
            tree.memory.buffer,
            tree.layout.arrays.rows,
            (tree.memory.buffer.byteLength - tree.layout.arrays.rows) >> 1,
          )
        : undefined;
  }

  /** Which leaf filter runs: "wasm-simd" or "js". */
  get filter(): "wasm-simd" | "js" {
    return this.wasm ? "wasm-simd" : "js";
  }

  /** Where the traversal runs: "wasm" (the whole search in WebAssembly) or "js". */
  get traversal(): "wasm" | "js" {
    return this.wasm?.traversal ?? "js";
  }

  /** Neighbours per query: min(k, training rows). */
  get neighbours(): number {
    return this.k;
  }

  /**
   * Searches query `row` of `queries` (`dim` values per row) and writes its neighbours to
   * `outI` / `outD` at `outOffset`. `rotated`, when given, holds the query already rotated (as
   * {@link locate} wrote it, `dim` values per row like `queries`), which is then not recomputed.
   */
  search(
    queries: Int32Array,
    row: number,
    outI: Int32Array,
    outD: Float64Array,
    outOffset: number,
    rotated?: Float64Array,
  ): void {
    if (rotated) {
      const { dim } = this.tree;
      const o = row * dim;
      for (let j = 0; j < dim; j++) {
        this.q[j] = queries[o + j];
        this.qr[j] = rotated[o + j];
      }
      this.wasm?.setQuery(this.q);
    } else this.load(queries, row);
    if (this.wasm?.traversal === "wasm") {
      this.wasm.search(this.q, this.qr, outI, outD, outOffset);
      return;
    }
    this.filled = 0;
    this.kth = this.k > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    if (this.k > 0) {
      const { dim, boxLo, boxHi } = this.tree;
      const off = this.off;
      let bound = 0;
      for (let j = 0; j < dim; j++) {
        const v = this.qr[j];
        off[j] = v < boxLo[j] ? boxLo[j] - v : v > boxHi[j] ? v - boxHi[j] : 0;
        bound += off[j] * off[j];
      }
      this.visit(0, bound);
    }
    for (let j = 0; j < this.k; j++) {
      outI[outOffset + j] = this.bestI[j];
      outD[outOffset + j] = this.bestD[j];
    }
  }

  /**
   * The leaf a query descends to, following the child whose box is nearer on the split axis.
   * With `rotated`, the rotated query is written there at `row * dim` (for {@link search}).
   */
  locate(queries: Int32Array, row: number, rotated?: Float64Array): number {
    this.rotate(queries, row);
    const { left, right, axis, boxLo, boxHi, dim } = this.tree;
    if (rotated) rotated.set(this.qr, row * dim);
    let node = 0;
    while (left[node] >= 0) {
      const a = axis[node];
      const v = this.qr[a];
      const l = left[node];
      const r = right[node];
      const gl = v - boxHi[l * dim + a];
      const gr = boxLo[r * dim + a] - v;
      node = gl <= gr ? l : r;
    }
    return node;
  }

  private load(queries: Int32Array, row: number): void {
    this.rotate(queries, row);
    this.wasm?.setQuery(this.q);
  }

  /** Copies query `row` into `q` and its rotated coordinates into `qr`. */
  private rotate(queries: Int32Array, row: number): void {
    const { dim, mean, axes } = this.tree;
    const q = this.q;
    const qr = this.qr;
    const o = row * dim;
    for (let j = 0; j < dim; j++) q[j] = queries[o + j];
    for (let r = 0; r < dim; r++) {
      let s = 0;
      const ro = r * dim;
      for (let j = 0; j < dim; j++) s += axes[ro + j] * (q[j] - mean[j]);
      qr[r] = s;
    }
  }

  /**
   * Visits a node whose points are at least `sqrt(bound)` away: `off[j]` is the query's distance
   * to the tightest box interval on axis j met on the way down, and `bound` their sum of
   * squares. Each step updates only the split axis (O(1)). (Checking a leaf's full box before
   * scanning it was measured: it skipped few leaves and cost more than it saved.)
   */
  private visit(node: number, bound: number): void {
    const { left, right, axis, boxLo, boxHi, dim } = this.tree;
    const l = left[node];
    if (l < 0) {
      this.scan(this.tree.begin[node], this.tree.end[node]);
      return;
    }
    const r = right[node];
    const a = axis[node];
    const v = this.qr[a];
    const off = this.off;
    const old = off[a];
    const base = bound - old * old;
    const lo = boxLo[l * dim + a];
    const hi = boxHi[l * dim + a];
    const gl = v < lo ? lo - v : v > hi ? v - hi : 0;
    const lo2 = boxLo[r * dim + a];
    const hi2 = boxHi[r * dim + a];
    const gr = v < lo2 ? lo2 - v : v > hi2 ? v - hi2 : 0;
    const bl = base + gl * gl;
    const br = base + gr * gr;
    if (bl <= br) {
      if (bl <= this.kth + PRUNE_SLACK) {
        off[a] = gl;
        this.visit(l, bl);
      }
      if (br <= this.kth + PRUNE_SLACK) {
        off[a] = gr;
        this.visit(r, br);
      }
    } else {
      if (br <= this.kth + PRUNE_SLACK) {
        off[a] = gr;
        this.visit(r, br);
      }
      if (bl <= this.kth + PRUNE_SLACK) {
        off[a] = gl;
        this.visit(l, bl);
      }
    }
    off[a] = old;
  }

  /** Whether the WebAssembly kernels can take every query of `queries` (see KernelSlot.fits). */
  fits(queries: ArrayLike<number>): boolean {
    return this.wasm ? this.wasm.fits(queries) : true;
  }

  /** Scans the rows at positions [from, to) of a leaf. */
  private scan(from: number, to: number): void {
    this.leavesVisited++;
    if (this.wasm) this.scanSimd(this.wasm, from, to);
    else if (this.tree.memory) this.scanBlocks(from, to);
    else if (this.tree.dim === 9) this.scan9(from, to);
    else this.scanPoints(from, to);
  }

  private scanPoints(from: number, to: number): void {
    const { dim, points } = this.tree;
    const q = this.q;
    for (let p = from; p < to; p++) {
      const po = p * dim;
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const t = q[j] - points[po + j];
        d += t * t;
      }
      this.consider(p, d);
    }
  }

  /**
   * Leaf scan through the SIMD filter: the kernel lists the rows of positions [from, to) (in
   * whole blocks of four: positions that pad a leaf have no training rows) whose integer filter
   * sum is within the k-th distance, and only those get the exact distance, which is the sum
   * itself where that is exact.
   */
  private scanSimd(wasm: KernelSlot, from: number, to: number): void {
    const n = wasm.filter(from, to, this.kth);
    const { survivors } = wasm;
    const exact = wasm.exactSums;
    for (let i = 0; i < n; i++) {
      const p = survivors[2 * i];
      const sum = survivors[2 * i + 1];
      this.consider(p, exact && sum >= 0 && sum < FILTER_CAP ? sum : this.blockDistance(p));
    }
  }

  /** Leaf scan without the kernels, reading the int16 blocks (queries outside their range). */
  private scanBlocks(from: number, to: number): void {
    for (let p = from; p < to; p++) this.consider(p, this.blockDistance(p));
  }

  /** The exact squared distance from the query to the row at position `p` of the int16 blocks. */
  private blockDistance(p: number): number {
    const { dim, centre } = this.tree;
    const rows = this.rows!;
    const q = this.q;
    let d = 0;
    for (let j = 0; j < dim; j++) {
      const t = q[j] - (rows[rowValueOffset(p, j, dim) >> 1] + centre);
      d += t * t;
    }
    return d;
  }

  /** Inserts the training rows equal to the row at position `p`, `d` away, while they belong. */
  private consider(p: number, d: number): void {
    if (!(d <= this.kth)) return;
    const { first, members } = this.tree;
    const e = first[p + 1];
    for (let m = first[p]; m < e; m++) if (!this.insert(d, members[m])) break;
  }

  /** {@link scan} unrolled for 3x3 patches, the basic agent's case. */
  private scan9(from: number, to: number): void {
    const { points } = this.tree;
    const q = this.q;
    const q0 = q[0],
      q1 = q[1],
      q2 = q[2],
      q3 = q[3],
      q4 = q[4],
      q5 = q[5],
      q6 = q[6],
      q7 = q[7],
      q8 = q[8];
    for (let p = from, po = from * 9; p < to; p++, po += 9) {
      const t0 = q0 - points[po];
      const t1 = q1 - points[po + 1];
      const t2 = q2 - points[po + 2];
      const t3 = q3 - points[po + 3];
      const t4 = q4 - points[po + 4];
      const t5 = q5 - points[po + 5];
      const t6 = q6 - points[po + 6];
      const t7 = q7 - points[po + 7];
      const t8 = q8 - points[po + 8];
      const d = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4 + t5 * t5 + t6 * t6 + t7 * t7 + t8 * t8;
      this.consider(p, d);
    }
  }

  /** Inserts (d, idx) into the sorted best list; false when it does not belong there. */
  private insert(d: number, idx: number): boolean {
    const k = this.k;
    const bestD = this.bestD;
    const bestI = this.bestI;
    let p: number;
    if (this.filled < k) {
      p = this.filled++;
    } else {
      const last = bestD[k - 1];
      if (d > last || (d === last && idx > bestI[k - 1])) return false;
      p = k - 1;
    }
    while (p > 0 && (bestD[p - 1] > d || (bestD[p - 1] === d && bestI[p - 1] > idx))) {
      bestD[p] = bestD[p - 1];
      bestI[p] = bestI[p - 1];
      p--;
    }
    bestD[p] = d;
    bestI[p] = idx;
    if (this.filled === k) this.kth = bestD[k - 1];
    return true;
  }
}
