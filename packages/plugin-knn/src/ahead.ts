import { AbortError, type AbortSignalLike, extractPatches, type GrayBand } from "@colorize/core";
import { KdSearcher } from "./kd-search.js";
import { allocate } from "./kd-tree.js";
import { defaultThreads, type RunningWorker, runOnThreads, startJob, workerScript } from "./run-threads.js";
import {
  buildIndex,
  type KdTreeResult,
  type KnnIndex,
  searchTask,
  THREAD_MIN_WORK,
  taskResult,
  withinExactRange,
} from "./search-kdtree.js";
import { exclusive, sameBand } from "./search-memo.js";
import { type SearchTask, STOP, workOn } from "./search-task.js";

/**
 * The basic agent's search started before its agent is fitted (see `Plugin.ahead`): the gray of
 * both bands is all it needs, so one worker thread extracts the patches, builds the index and
 * starts searching while the calling thread runs k-means and the reference rows. The agent then
 * takes the index in `fit` and joins the search in `predict` with every other thread. The answer
 * is the same search's, band for band, whichever threads answered which band.
 */

// How often a wait for the index looks at its abort signal.
const POLL_MS = 20;

/** What the worker is asked (every array in shared memory). */
export interface AheadRequest {
  readonly train: GrayBand;
  readonly test: GrayBand;
  readonly patchSize: number;
  readonly k: number;
  readonly threads: number;
  /** The task's control block, made by the caller so that it can stop a task it has not seen. */
  readonly control: Int32Array;
}

/** What the worker posts once the index is built, before it searches. */
interface AheadIndexMessage {
  readonly ahead: "index";
  readonly index: KnnIndex;
  readonly task: SearchTask;
  /** Seconds to extract the test patches and set up the task. */
  readonly planSeconds: number;
}

/** The worker's side: builds the index, hands it and the task over, then searches as slot 1. */
export function aheadInWorker(request: AheadRequest, post: (m: unknown) => void): void {
  const { train, test, patchSize: size, k, threads, control } = request;
  const patches = extractPatches(train.gray100, train.width, train.height, 0, train.width, size);
  const index = buildIndex(patches, size * size, { shared: true, warm: false });
  if (Atomics.load(control, STOP) !== 0) return;
  const t0 = performance.now();
  const testPatches = extractPatches(test.gray100, test.width, test.height, 0, test.width, size);
  const task = searchTask(index, testPatches, k, threads, "wasm", control);
  const message: AheadIndexMessage = {
    ahead: "index",
    index,
    task,
    planSeconds: (performance.now() - t0) / 1000,
  };
  post(message);
  workOn(task, new KdSearcher(task.tree, task.k, 1, task.traversal));
}

interface Pending {
  readonly train: GrayBand;
  readonly test: GrayBand;
  readonly patchSize: number;
  readonly strategy: string;
  readonly k: number;
  readonly threads: number;
  readonly control: Int32Array;
  readonly job: RunningWorker;
  readonly index: Promise<{ index: KnnIndex; task: SearchTask; planSeconds: number }>;
  /** Set once `predict` joined the search. */
  joined?: Promise<KdTreeResult>;
  /** Resolves when nothing searches the index any more (joined and done, or the worker stopped). */
  readonly settled: Promise<void>;
}

let pending: Pending | undefined;

function sharedCopy(band: GrayBand): GrayBand {
  const gray100 = allocate(Int32Array, band.gray100.length, true);
  gray100.set(band.gray100);
  return { width: band.width, height: band.height, gray100 };
}

/** Strategies a search ahead serves: the threaded kd-tree ones. */
const AHEAD_STRATEGIES = new Set(["auto", "kd-tree"]);

/** Whether a search ahead serves this strategy (a threaded kd-tree). */
export function aheadServes(strategy: string): boolean {
  return AHEAD_STRATEGIES.has(strategy);
}

/**
 * The largest band searched ahead (2^21 pixels: halves of photographs up to 4 MP). Beyond it, the
 * index's build overlapping k-means and the reference rows saved no time on the 12 MP photograph
 * (67.9 s against 66.6 s, one run each) and raised its peak RSS from 1.47 to 1.99 GiB.
 */
export const AHEAD_MAX_PIXELS = 1 << 21;

/**
 * Starts the search of `test`'s patches among `train`'s on a worker thread, unless it would not
 * be threaded anyway (one core, no built worker, a small search, values outside the kd-tree's
 * exactness range), the strategy is not a threaded kd-tree, or a band is above
 * {@link AHEAD_MAX_PIXELS}. A search ahead already under way for the same bands and at least `k`
 * neighbours is kept; any other earlier one nobody took is stopped. Returns whether a search ahead
 * now serves this one.
 */
export function startAhead(
  train: GrayBand,
  test: GrayBand,
  patchSize: number,
  strategy: string,
  k: number,
): boolean {
  const script = workerScript();
  const threads = defaultThreads();
  if (!script || threads < 2 || !aheadServes(strategy)) return false;
  if (test.width * test.height * train.width * train.height < THREAD_MIN_WORK) return false;
  if (Math.max(train.width * train.height, test.width * test.height) > AHEAD_MAX_PIXELS) return false;
  if (!withinExactRange(train.gray100, test.gray100)) return false;
  // Told again of the same search (another agent of the same bands): the one under way serves it.
  const p = pending;
  if (p && !p.joined && matchesTrain(p, train, patchSize, strategy) && p.k >= k && sameBand(p.test, test))
    return true;
  if (pending && !pending.joined) cancelAhead();
  const control = allocate(Int32Array, 4, true);
  const request: AheadRequest = {
    train: sharedCopy(train),
    test: sharedCopy(test),
    patchSize,
    k,
    threads,
    control,
  };
  let onIndex: (m: AheadIndexMessage) => void = () => {};
  const index = new Promise<AheadIndexMessage>((resolve) => {
    onIndex = resolve;
  });
  const job = startJob(script, { ahead: request }, (m) => {
    if (m.ahead === "index") onIndex(m as unknown as AheadIndexMessage);
  });
  // Until an agent takes it, the search must not keep the process alive.
  job.keepAlive(false);
  const failedIndex = job.done.then(() => {
    throw new Error("the k-NN search ahead stopped before its index was built");
  });
  const entry: Pending = {
    train: request.train,
    test: request.test,
    patchSize,
    strategy,
    k,
    threads,
    control,
    job,
    index: Promise.race([index, failedIndex]),
    // Not joined when the worker ends: it was stopped, failed, or answered every band alone;
    // either way it is free again. Joined: the join releases it when every thread is done.
    settled: job.done.then(
      () => {
        if (!entry.joined) job.release();
        return entry.joined?.then(
          () => undefined,
          () => undefined,
        );
      },
      () => {
        if (!entry.joined) job.release();
      },
    ),
  };
  entry.index.catch(() => undefined);
  pending = entry;
  return true;
}

/** Stops the search ahead that no agent took (its worker goes back to idle at its next band). */
export function cancelAhead(): void {
  if (pending && !pending.joined) Atomics.store(pending.control, STOP, 1);
  pending = undefined;
}

/** Whether a search ahead for this training band, patch side and strategy is under way. */
function matchesTrain(p: Pending, train: GrayBand, patchSize: number, strategy: string): boolean {
  return p.patchSize === patchSize && p.strategy === strategy && sameBand(p.train, train);
}

/**
 * The index the search ahead builds for this training band, or undefined when none was started
 * for it. The promise resolves once the worker has built it (waiting keeps the process alive);
 * when `signal` fires first, the search ahead is stopped and the promise rejects with an
 * AbortError.
 */
export function aheadIndex(
  train: GrayBand,
  patchSize: number,
  strategy: string,
  signal?: AbortSignalLike,
): Promise<KnnIndex> | undefined {
  const p = pending;
  if (!p || p.joined || !matchesTrain(p, train, patchSize, strategy)) return undefined;
  p.job.keepAlive(true);
  const built = p.index.then((m) => {
    // Searching on, it keeps the process alive only once an agent joins it.
    if (!p.joined) p.job.keepAlive(false);
    // Its per-thread slots are the search ahead's until every thread of it is done.
    exclusive(m.index, () => p.settled);
    return m.index;
  });
  if (!signal) return built;
  return new Promise<KnnIndex>((resolve, reject) => {
    const timer = setInterval(() => {
      if (!signal.aborted) return;
      clearInterval(timer);
      if (pending === p) cancelAhead();
      p.job.keepAlive(false);
      reject(new AbortError());
    }, POLL_MS);
    built.then(
      (index) => {
        clearInterval(timer);
        if (signal.aborted) {
          if (pending === p) cancelAhead();
          reject(new AbortError());
        } else resolve(index);
      },
      (e: unknown) => {
        clearInterval(timer);
        reject(e);
      },
    );
  });
}

/** Options of {@link joinAhead}. */
export interface JoinOptions {
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (fraction: number) => void;
}

/**
 * The answer of the search ahead of `test` among `train` for at least `k` neighbours, joined by
 * the calling thread and the other workers; undefined when no such search was started. Any other
 * search ahead is stopped (it would only hold the threads).
 */
export function joinAhead(
  train: GrayBand,
  test: GrayBand,
  patchSize: number,
  strategy: string,
  k: number,
  options: JoinOptions = {},
): Promise<KdTreeResult> | undefined {
  const p = pending;
  if (!p || p.joined) return undefined;
  if (!matchesTrain(p, train, patchSize, strategy) || p.k < k || !sameBand(p.test, test)) {
    cancelAhead();
    return undefined;
  }
  pending = undefined;
  const script = workerScript() as URL;
  p.job.keepAlive(true);
  const t0 = performance.now();
  p.joined = p.index.then(async ({ index, task, planSeconds }) => {
    await runOnThreads(task, p.threads, script, options, [p.job]);
    return taskResult(index, task, p.threads, planSeconds, (performance.now() - t0) / 1000);
  });
  return p.joined;
}
