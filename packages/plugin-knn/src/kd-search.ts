import type { KdTree } from "./kd-tree.js";

/**
 * Pruning slack, in squared-distance units. Exact distances between integer rows are integers,
 * while node bounds are computed in the rotated float64 frame. For rows of at most 81 values of
 * magnitude at most 2^21 (gray x 100 patches are 9 values up to 25500), rotation and rounding
 * move a bound by far less than 0.01; a node whose computed bound exceeds the k-th distance by
 * more than 0.5 therefore holds only rows strictly farther, and skipping it cannot change the
 * answer. See {@link maxExactMagnitude}.
 */
export const PRUNE_SLACK = 0.5;

/** Largest |value| for which the kd-tree search is proven exact (see {@link PRUNE_SLACK}). */
export const maxExactMagnitude = 2 ** 21;

/**
 * Exact k-nearest-neighbour search in a {@link KdTree}: depth-first, nearer child first,
 * children skipped when their bounding box is farther than the current k-th neighbour.
 * Neighbours are ordered by (squared distance, training row), exactly as brute force orders
 * them; a distinct row found near enough expands to its member rows in ascending order.
 */
export class KdSearcher {
  private readonly tree: KdTree;
  private readonly k: number;
  private readonly bestD: Float64Array;
  private readonly bestI: Int32Array;
  private readonly q: Float64Array;
  private readonly qr: Float64Array;
  private filled = 0;
  private kth = Number.POSITIVE_INFINITY;
  /** Leaves scanned since construction (for benchmarks). */
  leavesVisited = 0;

  constructor(tree: KdTree, k: number) {
    this.tree = tree;
    this.k = Math.min(k, tree.rows);
    this.bestD = new Float64Array(this.k);
    this.bestI = new Int32Array(this.k);
    this.q = new Float64Array(tree.dim);
    this.qr = new Float64Array(tree.dim);
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
    this.filled = 0;
    this.kth = this.k > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    if (this.k > 0) this.visit(0);
    for (let j = 0; j < this.k; j++) {
      outI[outOffset + j] = this.bestI[j];
      outD[outOffset + j] = this.bestD[j];
    }
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

  private visit(node: number): void {
    const l = this.tree.left[node];
    if (l < 0) {
      this.scan(this.tree.begin[node], this.tree.end[node]);
      return;
    }
    const r = this.tree.right[node];
    const bl = this.boxBound(l);
    const br = this.boxBound(r);
    if (bl <= br) {
      if (bl <= this.kth + PRUNE_SLACK) this.visit(l);
      if (br <= this.kth + PRUNE_SLACK) this.visit(r);
    } else {
      if (br <= this.kth + PRUNE_SLACK) this.visit(r);
      if (bl <= this.kth + PRUNE_SLACK) this.visit(l);
    }
  }

  private scan(from: number, to: number): void {
    this.leavesVisited++;
    const { dim, points, group, start, members } = this.tree;
    const q = this.q;
    for (let p = from; p < to; p++) {
      const po = p * dim;
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const t = q[j] - points[po + j];
        d += t * t;
      }
      if (d > this.kth) continue;
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
