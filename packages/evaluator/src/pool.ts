import { Worker } from "node:worker_threads";
import { AbortError } from "@colorize/core";
import { builtWorker, type LoadedPlugin, workerError, workerExecArgv } from "@colorize/runtime";
import { evaluateUnit, type UnitEvent, type UnitJob, type UnitOutcome } from "./evaluate-unit.js";

/** Messages from an evaluation worker. */
export type PoolMessage =
  | { type: "event"; event: UnitEvent }
  | { type: "done"; outcome: UnitOutcome }
  | { type: "error"; name: string; message: string };

/** Messages to an evaluation worker: a unit to evaluate (an abort terminates the worker). */
export type LaneMessage = { type: "unit"; job: UnitJob };

/** Options of {@link runUnits}. */
export interface PoolOptions {
  /** Units evaluated at once; 1 runs them one after another on this thread (no workers). */
  readonly jobs: number;
  /** Plugins by module path, for the inline path. */
  readonly plugins: ReadonlyMap<string, LoadedPlugin>;
  readonly onEvent?: (e: UnitEvent) => void;
  readonly signal?: AbortSignal;
  /** Called with each unit's outcome as it finishes (awaited before the next unit of its lane). */
  readonly onOutcome?: (outcome: UnitOutcome) => Promise<void> | void;
}

function workerFile(): string {
  const file = builtWorker(import.meta.url, "eval-worker.js");
  if (file) return file;
  throw new Error("the evaluation worker is not built; run the build first or use --jobs 1");
}

/** The photograph a unit evaluates (with its reference, when it is a pair). */
function imageOf(job: UnitJob): string {
  return `${job.unit.image}\u0000${job.unit.reference ?? ""}`;
}

/**
 * Which unit a lane takes next: another unit of the photograph it evaluated last, so that the
 * photograph's seeds meet on one thread (whose plugins may answer what does not depend on the
 * seed from the unit before); else the first unit of a photograph no other lane is on; else the
 * first unit left. Returns -1 when none is left.
 */
export function nextUnit(
  images: readonly string[],
  taken: readonly boolean[],
  last: string | undefined,
  busy: ReadonlySet<string>,
): number {
  if (last !== undefined) {
    const same = images.findIndex((im, i) => !taken[i] && im === last);
    if (same >= 0) return same;
  }
  const fresh = images.findIndex((im, i) => !taken[i] && !busy.has(im));
  return fresh >= 0 ? fresh : taken.indexOf(false);
}

/** One lane's worker thread: evaluates the units it is given, one at a time. */
class Lane {
  private readonly worker: Worker;
  private pending?: { resolve: (o: UnitOutcome) => void; reject: (e: Error) => void };
  private dead?: Error;

  constructor(file: string, onEvent?: (e: UnitEvent) => void) {
    this.worker = new Worker(file, { execArgv: workerExecArgv() });
    this.worker.on("message", (m: PoolMessage) => {
      if (m.type === "event") onEvent?.(m.event);
      else if (m.type === "done") this.settle(() => this.pending?.resolve(m.outcome));
      else this.settle(() => this.pending?.reject(workerError(m.name, m.message)));
    });
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => this.fail(new Error(`an evaluation worker exited with code ${code}`)));
  }

  private settle(fn: () => void): void {
    fn();
    this.pending = undefined;
  }

  private fail(err: Error): void {
    this.dead ??= err;
    if (this.pending) this.settle(() => this.pending?.reject(err));
  }

  run(job: UnitJob, signal?: AbortSignal): Promise<UnitOutcome> {
    if (this.dead) return Promise.reject(this.dead);
    if (signal?.aborted) return Promise.reject(new AbortError());
    return new Promise<UnitOutcome>((resolve, reject) => {
      // As a one-off worker would be: the unit stops at once, and its thread with it.
      const onAbort = () => {
        this.fail(new AbortError());
        void this.worker.terminate();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      this.pending = {
        resolve: (o) => {
          done();
          resolve(o);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      };
      this.worker.postMessage({ type: "unit", job } satisfies LaneMessage);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    this.worker.removeAllListeners("error");
    this.worker.on("error", () => {});
    await this.worker.terminate();
  }
}

/**
 * Evaluates units, at most `jobs` at a time, on as many worker threads, each thread taking unit
 * after unit (the units of one photograph together, see {@link nextUnit}), or all inline with
 * `jobs` 1. Results come back in the order of `jobs` whatever order they finish in. The first
 * failure stops the rest.
 */
export async function runUnits(jobs: readonly UnitJob[], options: PoolOptions): Promise<UnitOutcome[]> {
  const results: UnitOutcome[] = new Array(jobs.length);
  if (options.jobs <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      if (options.signal?.aborted) throw new AbortError();
      results[i] = await evaluateUnit(jobs[i], options.plugins, options.onEvent, options.signal);
      await options.onOutcome?.(results[i]);
    }
    return results;
  }
  const file = workerFile();
  const images = jobs.map(imageOf);
  const taken = jobs.map(() => false);
  const busy = new Set<string>();
  const lanes: Lane[] = [];
  let failed: unknown;
  const lane = async () => {
    const worker = new Lane(file, options.onEvent);
    lanes.push(worker);
    let last: string | undefined;
    for (;;) {
      if (failed !== undefined) return;
      if (options.signal?.aborted) {
        failed ??= new AbortError();
        return;
      }
      const i = nextUnit(images, taken, last, busy);
      if (i < 0) return;
      taken[i] = true;
      last = images[i];
      busy.add(last);
      try {
        results[i] = await worker.run(jobs[i], options.signal);
        await options.onOutcome?.(results[i]);
      } catch (err) {
        failed ??= err;
      } finally {
        busy.delete(last);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.jobs, jobs.length) }, lane));
  } finally {
    await Promise.all(lanes.map((l) => l.close()));
  }
  if (failed !== undefined) throw failed;
  return results;
}
