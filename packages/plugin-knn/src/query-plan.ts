import { collapseRows } from "./collapse.js";
import type { KdSearcher } from "./kd-search.js";

/**
 * The distinct queries of a band of test rows, laid out in the order they will run: sorted by
 * the leaf each one descends to, so that consecutive queries touch the same part of the tree.
 */
export interface QueryPlan {
  /** Distinct queries in run order, `count * dim` values. */
  readonly queries: Int32Array;
  readonly count: number;
  /** For every row of the band, its position in `queries`. */
  readonly slotOf: Int32Array;
  /** The distinct queries rotated into the tree's frame, in run order (`count * dim`). */
  readonly rotated: Float64Array;
}

/** Collapses identical queries and orders the distinct ones by leaf (a counting sort). */
export function planQueries(searcher: KdSearcher, test: Int32Array): QueryPlan {
  const { dim, nodeCount } = searcher.tree;
  const rows = collapseRows(test, dim);
  const n = rows.count;
  const leafOf = new Int32Array(n);
  const counts = new Int32Array(nodeCount + 1);
  const rotatedOfGroup = new Float64Array(n * dim);
  for (let g = 0; g < n; g++) {
    const leaf = searcher.locate(rows.unique, g, rotatedOfGroup);
    leafOf[g] = leaf;
    counts[leaf + 1]++;
  }
  for (let i = 0; i < nodeCount; i++) counts[i + 1] += counts[i];
  const queries = new Int32Array(n * dim);
  const rotated = new Float64Array(n * dim);
  const slotOfGroup = new Int32Array(n);
  for (let g = 0; g < n; g++) {
    const slot = counts[leafOf[g]]++;
    slotOfGroup[g] = slot;
    for (let j = 0; j < dim; j++) {
      queries[slot * dim + j] = rows.unique[g * dim + j];
      rotated[slot * dim + j] = rotatedOfGroup[g * dim + j];
    }
  }
  const slotOf = new Int32Array(rows.groupOf.length);
  for (let r = 0; r < slotOf.length; r++) slotOf[r] = slotOfGroup[rows.groupOf[r]];
  return { queries, count: n, slotOf, rotated };
}

/**
 * Answers rows [from, to) of `test`: plans the band, searches each distinct query once, and
 * writes every row's neighbours to `outI` / `outD` (`k` per row). Returns the distinct count.
 */
export function answerBand(
  searcher: KdSearcher,
  test: Int32Array,
  from: number,
  to: number,
  outI: Int32Array,
  outD: Float64Array,
): number {
  const { dim } = searcher.tree;
  const k = searcher.neighbours;
  const plan = planQueries(searcher, test.subarray(from * dim, to * dim));
  const slotI = new Int32Array(plan.count * k);
  const slotD = new Float64Array(plan.count * k);
  for (let q = 0; q < plan.count; q++) searcher.search(plan.queries, q, slotI, slotD, q * k, plan.rotated);
  for (let r = from; r < to; r++) {
    const s = plan.slotOf[r - from] * k;
    for (let j = 0; j < k; j++) {
      outI[r * k + j] = slotI[s + j];
      outD[r * k + j] = slotD[s + j];
    }
  }
  return plan.count;
}
