import { AbortError } from "@colorize/core";
import { builtWorker, type LoadedPlugin, runWorkerJob, workerError } from "@colorize/runtime";
import { evaluateUnit, type UnitEvent, type UnitJob, type UnitOutcome } from "./evaluate-unit.js";

/** Messages from an evaluation worker. */
export type PoolMessage =
  | { type: "event"; event: UnitEvent }
  | { type: "done"; outcome: UnitOutcome }
  | { type: "error"; name: string; message: string };

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

function runInWorker(file: string, job: UnitJob, options: PoolOptions): Promise<UnitOutcome> {
  return runWorkerJob<UnitOutcome, PoolMessage>({
    file,
    workerData: job,
    label: "an evaluation worker",
    signal: options.signal,
    read: (m) => {
      if (m.type === "event") options.onEvent?.(m.event);
      else if (m.type === "done") return { value: m.outcome };
      else return { error: workerError(m.name, m.message) };
      return undefined;
    },
  });
}

/**
 * Evaluates units, at most `jobs` at a time, each on its own worker thread (or all inline with
 * `jobs` 1). Results come back in the order of `jobs` whatever order they finish in. The first
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
  let next = 0;
  let failed: unknown;
  const lane = async () => {
    while (next < jobs.length && failed === undefined) {
      const i = next++;
      try {
        results[i] = await runInWorker(file, jobs[i], options);
        await options.onOutcome?.(results[i]);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, jobs.length) }, lane));
  if (failed !== undefined) throw failed;
  return results;
}
