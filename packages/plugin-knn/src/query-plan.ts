import { collapseRows } from "./collapse.js";
import { KdSearcher } from "./kd-search.js";
import { allocate, type KdTree } from "./kd-tree.js";

/**
 * The distinct queries of a search, laid out in the order they will run: sorted by the leaf
 * each one descends to, so that consecutive queries touch the same part of the tree.
 */
export interface QueryPlan {
  /** Distinct queries in run order, `count * dim` values. */
  readonly queries: Int32Array;
  readonly count: number;
  /** For every original query row, its position in `queries`. */
  readonly slotOf: Int32Array;
}

/** Collapses identical queries and orders the distinct ones by leaf (a counting sort). */
export function planQueries(tree: KdTree, test: Int32Array, shared: boolean): QueryPlan {
  const dim = tree.dim;
  const rows = collapseRows(test, dim);
  const n = rows.count;
  const searcher = new KdSearcher(tree, 1);
  const leafOf = new Int32Array(n);
  const counts = new Int32Array(tree.nodeCount + 1);
  for (let g = 0; g < n; g++) {
    const leaf = searcher.locate(rows.unique, g);
    leafOf[g] = leaf;
    counts[leaf + 1]++;
  }
  for (let i = 0; i < tree.nodeCount; i++) counts[i + 1] += counts[i];
  const queries = allocate(Int32Array, n * dim, shared);
  const slotOfGroup = new Int32Array(n);
  for (let g = 0; g < n; g++) {
    const slot = counts[leafOf[g]]++;
    slotOfGroup[g] = slot;
    queries.set(rows.unique.subarray(g * dim, g * dim + dim), slot * dim);
  }
  const slotOf = new Int32Array(rows.groupOf.length);
  for (let r = 0; r < slotOf.length; r++) slotOf[r] = slotOfGroup[rows.groupOf[r]];
  return { queries, count: n, slotOf };
}

/** Copies each distinct query's neighbours to every query row that shares it. */
export function expandAnswers(
  plan: QueryPlan,
  k: number,
  slotI: Int32Array,
  slotD: Float64Array,
): { indices: Int32Array; dist2: Float64Array } {
  const rows = plan.slotOf.length;
  const indices = new Int32Array(rows * k);
  const dist2 = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const s = plan.slotOf[r] * k;
    for (let j = 0; j < k; j++) {
      indices[r * k + j] = slotI[s + j];
      dist2[r * k + j] = slotD[s + j];
    }
  }
  return { indices, dist2 };
}
