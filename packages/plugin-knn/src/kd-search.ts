import { PRUNE_SLACK } from "./exactness.js";
import type { KdTree } from "./kd-tree.js";
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
  /** Leaves scanned by the JavaScript traversal since construction (for benchmarks). */
  leavesVisited = 0;

  /**
   * `slot` is this thread's query slot in the tree's WebAssembly memory (each thread needs its
   * own). With that memory, `traversal` "wasm" (default) runs the whole search in WebAssembly
   * (wasm-search.ts, for k <= 256) and "js" runs the traversal below with only the leaf filter in
   * WebAssembly; without it, everything runs in plain JavaScript.
   */
  constructor(tree: KdTree, k: number, slot = 0, traversal: "wasm" | "js" = "wasm") {
    this.tree = tree;
    this.k = Math.min(k, tree.rows);
    this.bestD = new Float64Array(this.k);
    this.bestI = new Int32Array(this.k);
    this.q = new Float64Array(tree.dim);
    this.qr = new Float64Array(tree.dim);
    this.off = new Float64Array(tree.dim);
    this.wasm = KernelSlot.open(tree, slot, this.k, traversal);
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
   * `outI` / `outD` at `outOffset`.
   */
  search(queries: Int32Array, row: number, outI: Int32Array, outD: Float64Array, outOffset: number): void {
    this.load(queries, row);
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

  /** The leaf a query descends to, following the child whose box is nearer on the split axis. */
  locate(queries: Int32Array, row: number): number {
    this.load(queries, row);
    const { left, right, axis, boxLo, boxHi, dim } = this.tree;
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
    this.wasm?.setQuery(q);
  }

  /** Squared distance from the rotated query to a node's box (0 inside it). */
  private boxBound(node: number): number {
    const { dim, boxLo, boxHi } = this.tree;
    const qr = this.qr;
    const bo = node * dim;
    let lb = 0;
    for (let j = 0; j < dim; j++) {
      const v = qr[j];
      const lo = boxLo[bo + j];
      if (v < lo) {
        const d = lo - v;
        lb += d * d;
      } else {
        const hi = boxHi[bo + j];
        if (v > hi) {
          const d = v - hi;
          lb += d * d;
        }
      }
    }
    return lb;
  }

  /**
   * Visits a node whose points are at least `sqrt(bound)` away: `off[j]` is the query's distance
   * to the tightest box interval on axis j met on the way down, and `bound` their sum of
   * squares. Each step updates only the split axis (O(1)); a leaf checks its full box before
   * its rows are scanned.
   */
  private visit(node: number, bound: number): void {
    const { left, right, axis, boxLo, boxHi, dim } = this.tree;
    const l = left[node];
    if (l < 0) {
      if (this.boxBound(node) <= this.kth + PRUNE_SLACK)
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

  private scan(from: number, to: number): void {
    this.leavesVisited++;
    const { dim, points, group, start, members } = this.tree;
    const q = this.q;
    if (this.wasm) {
      this.scanSimd(this.wasm, from, to);
      return;
    }
    if (dim === 9) {
      this.scan9(from, to);
      return;
    }
    for (let p = from; p < to; p++) {
      const po = p * dim;
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const t = q[j] - points[po + j];
        d += t * t;
      }
      if (!(d <= this.kth)) continue;
      const g = group[p];
      const e = start[g + 1];
      for (let m = start[g]; m < e; m++) if (!this.insert(d, members[m])) break;
    }
  }

  /**
   * Leaf scan through the float32 SIMD filter: the kernel flags rows whose float32 distance is
   * within a proven margin of the k-th distance, and only those get the exact distance.
   */
  private scanSimd(wasm: KernelSlot, from: number, to: number): void {
    const dim = this.tree.dim;
    const n = wasm.filter(from, to, this.kth);
    const { survivors, rows } = wasm;
    const { group, start, members } = this.tree;
    const q = this.q;
    for (let i = 0; i < n; i++) {
      // The exact distance from the float32 blocks just scanned (they hold the exact integers,
      // and are in cache, unlike the float64 copy).
      const p = survivors[i];
      const o = (p >> 2) * dim * 4 + (p & 3);
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const t = q[j] - rows[o + j * 4];
        d += t * t;
      }
      if (!(d <= this.kth)) continue;
      const g = group[p];
      const e = start[g + 1];
      for (let m = start[g]; m < e; m++) if (!this.insert(d, members[m])) break;
    }
  }

  /** {@link scan} unrolled for 3x3 patches, the basic agent's case. */
  private scan9(from: number, to: number): void {
    const { points, group, start, members } = this.tree;
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
      if (!(d <= this.kth)) continue;
      const g = group[p];
      const e = start[g + 1];
      for (let m = start[g]; m < e; m++) if (!this.insert(d, members[m])) break;
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
