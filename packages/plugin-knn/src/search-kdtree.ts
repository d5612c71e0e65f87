import { AbortError, type AbortSignalLike } from "@colorize/core";
import type { KnnResult } from "./brute-force.js";
import { collapseRows } from "./collapse.js";
import { maxExactMagnitude } from "./exactness.js";
import { KdSearcher } from "./kd-search.js";
import { allocate, buildKdTree, type KdTree } from "./kd-tree.js";
import { defaultThreads, runInThread, runOnThreads, warmWorkers, workerScript } from "./run-threads.js";
import { DISTINCT, type SearchTask } from "./search-task.js";

/** Options of {@link kdTreeSearch}. */
export interface KdTreeSearchOptions {
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (fraction: number) => void;
  /** Worker threads (default: one per core, 1 for small searches; 1 runs on the calling thread). */
  readonly threads?: number;
  /** Largest leaf in distinct rows (default 128). */
  readonly leafSize?: number;
  /** Use the WebAssembly SIMD leaf filter where the runtime has it (default true). */
  readonly simd?: boolean;
  /**
   * With the SIMD filter, run the whole traversal in WebAssembly ("wasm", default) or only the
   * leaf filter ("js": the readable JavaScript traversal, kept for comparison).
   */
  readonly traversal?: "wasm" | "js";
}

/** What a kd-tree search measured, for benchmarks and fit reports. */
export interface KdTreeStats {
  readonly trainRows: number;
  readonly distinctTrain: number;
  readonly testRows: number;
  readonly distinctQueries: number;
  readonly threads: number;
  /**
   * Wall-clock seconds of each stage: building the index, setting up the shared task, and the
   * search (which plans each band of rows, collapsing and leaf-ordering it, on the threads).
   */
  readonly seconds: { readonly index: number; readonly plan: number; readonly search: number };
}

/** A kd-tree search's answer. */
export interface KdTreeResult extends KnnResult {
  readonly strategy: "kd-tree";
  readonly backend: string;
  readonly stats: KdTreeStats;
}

// Below this many (distinct queries x distinct training rows), starting workers costs more than it saves.
export const THREAD_MIN_WORK = 2e8;
// Bands of test rows that threads take one at a time: several per thread for balance, big enough
// for identical rows to meet inside a band.
const MIN_BAND = 1024;
const MAX_BAND = 32768;

/** Whether every value is small enough for the kd-tree's exactness argument. */
export function withinExactRange(...arrays: Int32Array[]): boolean {
  for (const a of arrays)
    for (let i = 0; i < a.length; i++)
      if (a[i] > maxExactMagnitude || a[i] < -maxExactMagnitude) return false;
  return true;
}

/** Options of {@link buildIndex}. */
export interface IndexOptions {
  /** Largest leaf in distinct rows (default 128). */
  readonly leafSize?: number;
  /** Use the WebAssembly SIMD leaf filter where the runtime has it (default true). */
  readonly simd?: boolean;
  /** Shared memory so worker threads can search it (default: when this machine has several cores). */
  readonly shared?: boolean;
  /** With shared memory, boot the search's worker threads while the tree is built (default true). */
  readonly warm?: boolean;
}

/** A built index: the tree plus how long it took and what it holds. */
export interface KnnIndex {
  readonly tree: KdTree;
  readonly distinctTrain: number;
  /** Wall-clock seconds to collapse and build. */
  readonly seconds: number;
  /** "wasm-simd" or "js": which leaf filter searches will use. */
  readonly filter: string;
}

/**
 * Collapses identical training rows and builds the kd-tree over the distinct ones. Throws when a
 * value is outside the range the exactness proof covers.
 */
export function buildIndex(train: Int32Array, dim: number, options: IndexOptions = {}): KnnIndex {
  if (!withinExactRange(train))
    throw new RangeError(`kd-tree search needs values within ±${maxExactMagnitude}`);
  const t0 = performance.now();
  const shared = options.shared ?? (workerScript() !== undefined && defaultThreads() > 1);
  // Worker threads boot while the tree is built; the calling thread is the search's first thread.
  if (shared && options.warm !== false) warmWorkers(defaultThreads() - 1);
  const rows = collapseRows(train, dim);
  const tree = buildKdTree(rows, dim, {
    leafSize: options.leafSize,
    simd: options.simd,
    shared,
  });
  return {
    tree,
    distinctTrain: rows.count,
    seconds: (performance.now() - t0) / 1000,
    filter: tree.memory ? "wasm-simd" : "js",
  };
}

/** Whether an index's arrays can be handed to worker threads. */
function isShared(tree: KdTree): boolean {
  return tree.first.buffer instanceof SharedArrayBuffer;
}

/**
 * Exact k-nearest-neighbour search through a kd-tree with identical rows collapsed on both sides
 * (test rows within bands of rows), distinct queries run in leaf order, on worker threads when
 * that pays. Same answer as
 * {@link bruteForceKnn}, ties included. Needs |values| <= 2^21 (see `withinExactRange`).
 */
export async function kdTreeSearch(
  train: Int32Array,
  test: Int32Array,
  dim: number,
  k: number,
  options: KdTreeSearchOptions = {},
): Promise<KdTreeResult> {
  if (options.signal?.aborted) throw new AbortError();
  const threads = options.threads ?? defaultThreads();
  const index = buildIndex(train, dim, {
    leafSize: options.leafSize,
    simd: options.simd,
    shared: threads > 1,
  });
  return searchIndex(index, test, k, options);
}

/** Searches a built index (see {@link kdTreeSearch}). */
export async function searchIndex(
  index: KnnIndex,
  test: Int32Array,
  k: number,
  options: KdTreeSearchOptions = {},
): Promise<KdTreeResult> {
  const { tree } = index;
  if (!withinExactRange(test))
    throw new RangeError(`kd-tree search needs values within ±${maxExactMagnitude}`);
  if (options.signal?.aborted) throw new AbortError();
  const script = workerScript();
  const shared = isShared(tree);
  let threads = options.threads ?? defaultThreads();
  if (!script || !shared) threads = 1;
  const t1 = performance.now();
  const rows = test.length / tree.dim;
  if (options.threads === undefined && rows * index.distinctTrain < THREAD_MIN_WORK) threads = 1;
  const task = searchTask(index, test, k, threads, options.traversal);
  const t2 = performance.now();
  if (threads > 1 && script) await runOnThreads(task, threads, script, options);
  else await runInThread(task, options);
  const t3 = performance.now();
  return taskResult(index, task, threads, (t2 - t1) / 1000, (t3 - t2) / 1000);
}

/**
 * The shared search of `test`'s rows among an index's (answers, control block; in shared memory
 * when the index is), its bands sized for `threads` threads. `control`, when given, is used as
 * the task's control block (a caller that must be able to stop a task it has not seen yet).
 */
export function searchTask(
  index: KnnIndex,
  test: Int32Array,
  k: number,
  threads: number,
  traversal: "wasm" | "js" = "wasm",
  control?: Int32Array,
): SearchTask {
  const { tree } = index;
  const shared = isShared(tree);
  const rows = test.length / tree.dim;
  const kk = Math.min(k, tree.rows);
  const testRows = allocate(Int32Array, test.length, shared);
  testRows.set(test);
  return {
    tree,
    test: testRows,
    rows,
    k: kk,
    outI: allocate(Int32Array, rows * kk, shared),
    outD: allocate(Float64Array, rows * kk, shared),
    control: control ?? allocate(Int32Array, 4, shared),
    band: Math.max(MIN_BAND, Math.min(MAX_BAND, Math.ceil(rows / (8 * threads)))),
    // Queries whose values do not fit the kernels' int16 lanes are searched in plain JavaScript.
    traversal: new KdSearcher(tree, kk, 0, "js").fits(test) ? traversal : "plain",
  };
}

/** A finished task's answer, with the stages' seconds. */
export function taskResult(
  index: KnnIndex,
  task: SearchTask,
  threads: number,
  planSeconds: number,
  searchSeconds: number,
): KdTreeResult {
  const probe = new KdSearcher(task.tree, task.k, 0, task.traversal);
  const engine =
    probe.filter === "js" ? "js" : probe.traversal === "wasm" ? "wasm-simd" : "js+wasm-simd-leaves";
  return {
    k: task.k,
    indices: task.outI,
    dist2: task.outD,
    strategy: "kd-tree",
    backend: `${engine}:kd-tree x${threads} thread${threads > 1 ? "s" : ""}`,
    stats: {
      trainRows: task.tree.rows,
      distinctTrain: index.distinctTrain,
      testRows: task.rows,
      distinctQueries: task.control[DISTINCT],
      threads,
      seconds: { index: index.seconds, plan: planSeconds, search: searchSeconds },
    },
  };
}
