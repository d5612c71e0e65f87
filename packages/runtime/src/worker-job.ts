import { Worker } from "node:worker_threads";
import { workerExecArgv } from "@colorize/compute";
import { AbortError } from "@colorize/core";

/** What one message from a worker settles: nothing yet, a result, or a failure. */
export type WorkerSettle<T> = undefined | { readonly value: T } | { readonly error: Error };

/** One piece of work on a worker thread: the script, its data, and how to read its messages. */
export interface WorkerJob<T, M> {
  readonly file: string;
  readonly workerData: unknown;
  readonly signal?: AbortSignal;
  /** Names the worker in the error of an unexpected exit, e.g. "the agent worker". */
  readonly label: string;
  /** Reads one message: progress is handled here and returns undefined; a result or a failure settles. */
  readonly read: (message: M) => WorkerSettle<T>;
}

/** The error a worker reported by name and message: an {@link AbortError} stays one. */
export function workerError(name: string, message: string): Error {
  if (name === "AbortError") return new AbortError(message);
  const e = new Error(message);
  e.name = name;
  return e;
}

/**
 * Runs a job on its own worker thread (with this process's flags minus export conditions) and
 * settles with the first result or failure its messages give, an error, an exit, or the abort
 * signal; the worker is terminated then, so nothing is left running.
 */
export function runWorkerJob<T, M>(job: WorkerJob<T, M>): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    if (job.signal?.aborted) {
      reject(new AbortError());
      return;
    }
    const worker = new Worker(job.file, { workerData: job.workerData, execArgv: workerExecArgv() });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      job.signal?.removeEventListener("abort", onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new AbortError()));
    job.signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (m: M) => {
      const s = job.read(m);
      if (!s) return;
      if ("error" in s) finish(() => reject(s.error));
      else finish(() => resolvePromise(s.value));
    });
    worker.on("error", (err) => finish(() => reject(err)));
    worker.on("exit", (code) => finish(() => reject(new Error(`${job.label} exited with code ${code}`))));
  });
}
