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

/** A worker given a job, and the promise of its one final answer. */
export interface RunningWorker {
  readonly worker: Worker;
  /** Resolves on the worker's `{ ok: true }`; rejects on `{ ok: false }`, an error or an exit. */
  readonly done: Promise<void>;
  /** Stops listening to the worker and puts it back among the idle ones (after `done`; once). */
  release(): void;
  /** Terminates the worker, unless it was released (then it may be working for someone else). */
  stop(): Promise<void>;
  /** Whether the worker keeps the process alive while it works; nothing once it was released. */
  keepAlive(on: boolean): void;
}

/**
 * Posts `message` to an idle worker (or a new one) and listens for its final answer; any other
 * message it posts on the way goes to `early`. The worker keeps the process alive until released.
 */
export function startJob(
  script: URL,
  message: unknown,
  early: (m: Record<string, unknown>) => void = () => {},
): RunningWorker {
  const worker = idle.pop() ?? spawn(script);
  worker.ref();
  let onExit: (code: number) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    worker.on("message", (m: { ok?: boolean; message?: string }) => {
      if (m.ok === true) resolve();
      else if (m.ok === false) reject(new Error(`k-NN worker failed: ${m.message}`));
      else early(m as Record<string, unknown>);
    });
    worker.on("error", reject);
    onExit = (code) => reject(new Error(`k-NN worker exited with code ${code}`));
    worker.on("exit", onExit);
  });
  // Whoever awaits `done` sees a failure; an unobserved one must not end the process.
  done.catch(() => undefined);
  worker.postMessage(message);
  let released = false;
  return {
    worker,
    done,
    release() {
      if (released) return;
      released = true;
      worker.removeAllListeners("message");
      worker.removeAllListeners("error");
      worker.off("exit", onExit);
      worker.unref();
      idle.push(worker);
    },
    async stop() {
      if (!released) await worker.terminate();
    },
    keepAlive(on) {
      if (released) return;
      if (on) worker.ref();
      else worker.unref();
    },
  };
}

/**
 * Runs a task (whose arrays live in shared memory) on `threads` threads: the calling thread
 * (slot 0, a band at a time between turns of its event loop, so progress and abort stay live)
 * and `threads - 1` worker threads: first the `running` ones, already working on the task
 * (slots 1, 2, ...), then workers taken from the idle ones (one boot fewer than a worker per
 * thread: the calling thread would only wait). When the task is done the workers go back to
 * idle; on abort or failure the task's stop flag is set and every one of its workers is
 * terminated before the promise rejects, so nothing is left running.
 */
export function runOnThreads(
  task: SearchTask,
  threads: number,
  script: URL,
  options: RunOptions,
  running: readonly RunningWorker[] = [],
): Promise<void> {
  const jobs = [...running];
  for (let i = 1 + running.length; i < threads; i++) jobs.push(startJob(script, { task, slot: i }));
  return new Promise<void>((resolve, reject) => {
    let pending = jobs.length;
    let callerDone = false;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      if (!error) {
        for (const j of jobs) j.release();
        options.onProgress?.(1);
        resolve();
        return;
      }
      Atomics.store(task.control, STOP, 1);
      Promise.all(jobs.map((j) => j.stop())).then(
        () => reject(error),
        () => reject(error),
      );
    };
    const timer = setInterval(() => {
      if (options.signal?.aborted) finish(new AbortError());
      else options.onProgress?.(Math.min(1, Atomics.load(task.control, DONE) / Math.max(1, task.rows)));
    }, POLL_MS);
    for (const j of jobs) {
      j.done.then(
        () => {
          if (--pending === 0 && callerDone) finish();
        },
        (e: Error) => finish(e),
      );
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
