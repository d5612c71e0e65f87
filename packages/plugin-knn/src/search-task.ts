import type { KdSearcher } from "./kd-search.js";
import type { KdTree } from "./kd-tree.js";

/**
 * One search shared by threads: the tree, the planned queries, the answer slots and a control
 * block, all in shared memory when threads run. Threads take chunks of queries from
 * `control[NEXT]` and add what they finished to `control[DONE]`; any thread stops at its next
 * chunk once `control[STOP]` is non-zero.
 */
export interface SearchTask {
  readonly tree: KdTree;
  readonly queries: Int32Array;
  readonly count: number;
  readonly k: number;
  /** Answers per planned query, `count * k` each. */
  readonly outI: Int32Array;
  readonly outD: Float64Array;
  /** `[next, done, stop]`. */
  readonly control: Int32Array;
  /** Queries per chunk. */
  readonly chunk: number;
}

export const NEXT = 0;
export const DONE = 1;
export const STOP = 2;

/**
 * Takes and searches chunks until none is left, the stop flag is set, or `budget` chunks were
 * done (so an in-thread caller can yield in between). Returns false when there is no more work.
 */
export function workOn(task: SearchTask, searcher: KdSearcher, budget = Number.POSITIVE_INFINITY): boolean {
  const { queries, count, k, outI, outD, control, chunk } = task;
  for (let b = 0; b < budget; b++) {
    if (Atomics.load(control, STOP) !== 0) return false;
    const from = Atomics.add(control, NEXT, chunk);
    if (from >= count) return false;
    const to = Math.min(count, from + chunk);
    for (let q = from; q < to; q++) searcher.search(queries, q, outI, outD, q * k);
    Atomics.add(control, DONE, to - from);
  }
  return true;
}
