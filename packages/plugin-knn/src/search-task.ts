import type { KdSearcher } from "./kd-search.js";
import type { KdTree } from "./kd-tree.js";
import { answerBand } from "./query-plan.js";

/**
 * One search shared by threads: the tree, the test rows, the answers and a control block, all
 * in shared memory when threads run. Threads take bands of rows from `control[NEXT]`, answer
 * them (collapsing and leaf-ordering each band on their own, so that planning runs in parallel
 * too), and add the rows done to `control[DONE]` and the distinct queries to
 * `control[DISTINCT]`; any thread stops at its next band once `control[STOP]` is non-zero.
 */
export interface SearchTask {
  readonly tree: KdTree;
  readonly test: Int32Array;
  readonly rows: number;
  readonly k: number;
  /** Answers per test row, `rows * k` each. */
  readonly outI: Int32Array;
  readonly outD: Float64Array;
  /** `[next band, rows done, stop, distinct queries]`. */
  readonly control: Int32Array;
  /** Rows per band. */
  readonly band: number;
  /** Where the traversal runs (see KdSearcher). */
  readonly traversal: "wasm" | "js" | "plain";
}

export const NEXT = 0;
export const DONE = 1;
export const STOP = 2;
export const DISTINCT = 3;

/**
 * Takes and answers bands until none is left, the stop flag is set, or `budget` bands were
 * done (so an in-thread caller can yield in between). Returns false when there is no more work.
 */
export function workOn(task: SearchTask, searcher: KdSearcher, budget = Number.POSITIVE_INFINITY): boolean {
  const { test, rows, outI, outD, control, band } = task;
  for (let b = 0; b < budget; b++) {
    if (Atomics.load(control, STOP) !== 0) return false;
    const from = Atomics.add(control, NEXT, 1) * band;
    if (from >= rows) return false;
    const to = Math.min(rows, from + band);
    Atomics.add(control, DISTINCT, answerBand(searcher, test, from, to, outI, outD));
    Atomics.add(control, DONE, to - from);
  }
  return true;
}
