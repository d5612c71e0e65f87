import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { builtWorker, workerExecArgv } from "@colorize/compute";
import { AbortError, type AbortSignalLike } from "@colorize/core";
import { KdSearcher } from "./kd-search.js";
import { DONE, type SearchTask, STOP, workOn } from "./search-task.js";

/**
 * The compiled worker script. Worker threads run plain JavaScript, so when this module runs from
 * its TypeScript source (tests), the package's built copy is used; undefined when there is none.
 */
export function workerScript(): URL | undefined {
  const file = builtWorker(import.meta.url, "knn-worker.js");
  return file === undefined ? undefined : pathToFileURL(file);
}

/** Threads worth starting on this machine (one per core, at most 8). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

const POLL_MS = 20;
let live = 0;
const idle: Worker[] = [];

/** Worker threads of k-NN searches that have not exited yet, idle ones included. */
export function liveWorkers(): number {
  return live;
}

/** Idle workers, waiting for the next search. */
export function idleWorkers(): number {
  return idle.length;
}

function spawn(script: URL): Worker {
  const worker = new Worker(script, { execArgv: workerExecArgv() });
  live++;
  worker.once("exit", () => {
    live--;
    const i = idle.indexOf(worker);
    if (i >= 0) idle.splice(i, 1);
  });
  // An idle worker must not keep the process alive.
  worker.unref();
  return worker;
}

/**
 * Starts idle workers (up to `count`) so that they boot while the caller does other work, such
 * as building the index; the next threaded search takes them instead of starting its own.
 */
export function warmWorkers(count: number): void {
  const script = workerScript();
  if (!script) return;
  while (idle.length < count) idle.push(spawn(script));
}

/** Terminates every idle worker. */
export async function closeWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}

/** Options shared by both runners. */
export interface RunOptions {
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (fraction: number) => void;
}

/** Runs a task on the calling thread, yielding to the event loop between bands. */
export async function runInThread(task: SearchTask, options: RunOptions): Promise<void> {
  const searcher = new KdSearcher(task.tree, task.k, 0, task.traversal);
  for (;;) {
    if (options.signal?.aborted) throw new AbortError();
    const more = workOn(task, searcher, 1);
    options.onProgress?.(Math.min(1, Atomics.load(task.control, DONE) / Math.max(1, task.rows)));
    if (!more) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs a task (whose arrays live in shared memory) on `threads` threads: the calling thread
 * (slot 0, a band at a time between turns of its event loop, so progress and abort stay live)
 * and `threads - 1` worker threads, taken from the idle ones first (one boot fewer than a worker
 * per thread: the calling thread would only wait). When the task is done the workers go back to
 * idle; on abort or failure the task's stop flag is set and every one of its workers is
 * terminated before the promise rejects, so nothing is left running.
 */
export function runOnThreads(
  task: SearchTask,
  threads: number,
  script: URL,
  options: RunOptions,
): Promise<void> {
  const workers: Worker[] = [];
  return new Promise<void>((resolve, reject) => {
    let pending = threads - 1;
    let callerDone = false;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      if (!error) {
        for (const w of workers) {
          w.removeAllListeners("message");
          w.removeAllListeners("error");
          w.unref();
          idle.push(w);
        }
        options.onProgress?.(1);
        resolve();
        return;
      }
      Atomics.store(task.control, STOP, 1);
      Promise.all(workers.map((w) => w.terminate())).then(
        () => reject(error),
        () => reject(error),
      );
    };
    const timer = setInterval(() => {
      if (options.signal?.aborted) finish(new AbortError());
      else options.onProgress?.(Math.min(1, Atomics.load(task.control, DONE) / Math.max(1, task.rows)));
    }, POLL_MS);
    for (let i = 1; i < threads; i++) {
      const worker = idle.pop() ?? spawn(script);
      worker.ref();
      workers.push(worker);
      worker.on("message", (m: { ok: boolean; message?: string }) => {
        if (!m.ok) finish(new Error(`k-NN worker failed: ${m.message}`));
        else if (--pending === 0 && callerDone) finish();
      });
      worker.on("error", (e) => finish(e));
      // Slot 0 belongs to the calling thread; each worker filters through its own slot.
      worker.postMessage({ task, slot: i });
    }
    const searcher = new KdSearcher(task.tree, task.k, 0, task.traversal);
    const step = () => {
      if (settled) return;
      if (options.signal?.aborted) {
        finish(new AbortError());
        return;
      }
      try {
        if (workOn(task, searcher, 1)) setImmediate(step);
        else {
          callerDone = true;
          if (pending === 0) finish();
        }
      } catch (e) {
        finish(e as Error);
      }
    };
    setImmediate(step);
  });
}
