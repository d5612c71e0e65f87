import { Worker } from "node:worker_threads";
import { emptyReport, type FuzzReport, fuzzCase, fuzzMaterial, mergeReport } from "./run.js";
import type { FuzzWorkerData } from "./worker.js";

/** Options of {@link driveFuzz}. */
export interface DriveOptions {
  readonly seed: number;
  /** Cases [from, to) of the run. */
  readonly from: number;
  readonly to: number;
  readonly maxPixels: number;
  /** A case still running after this long is a hang: its worker is ended and the run goes on. */
  readonly caseTimeoutMs: number;
  readonly onProgress?: (index: number) => void;
  /** The worker script (default: the built `worker.js` beside this file); tests give a stand-in. */
  readonly workerFile?: URL;
}

/** A run's report with the process's peak resident memory. */
export interface DrivenReport extends FuzzReport {
  readonly peakRssMiB: number;
}

type RangeEnd = { part: FuzzReport } | { stuck: number; why: string };

/** Runs cases [from, to) on one worker, watching the index of the case under way. */
function runRange(options: DriveOptions, from: number, to: number): Promise<RangeEnd> {
  const progress = new SharedArrayBuffer(4);
  const cell = new Int32Array(progress);
  // -1 until the worker starts its first case: starting a worker and making the seeds is not a hang.
  Atomics.store(cell, 0, -1);
  const data: FuzzWorkerData = { seed: options.seed, from, to, maxPixels: options.maxPixels, progress };
  const worker = new Worker(options.workerFile ?? new URL("./worker.js", import.meta.url), {
    workerData: data,
  });
  return new Promise<RangeEnd>((resolve) => {
    let last = -1;
    let since = performance.now();
    const end = (value: RangeEnd) => {
      clearInterval(timer);
      void worker.terminate();
      resolve(value);
    };
    const timer = setInterval(() => {
      const now = Atomics.load(cell, 0);
      if (now !== last) {
        if (now >= 0) options.onProgress?.(now);
        last = now;
        since = performance.now();
      } else if (now >= 0 && performance.now() - since > options.caseTimeoutMs) {
        end({ stuck: now, why: `no result after ${options.caseTimeoutMs} ms (a hang)` });
      }
    }, 50);
    worker.once("message", (part: FuzzReport) => end({ part }));
    worker.once("error", (error) =>
      end({ stuck: Math.max(from, Atomics.load(cell, 0)), why: `the worker died: ${error.message}` }),
    );
  });
}

/**
 * Runs cases on worker threads watched from this one. A case that does not finish within
 * `caseTimeoutMs`, or that kills its worker, is recorded as a failure; the cases around it are run
 * again on fresh workers, so every other case is still counted.
 */
export async function driveFuzz(options: DriveOptions): Promise<DrivenReport> {
  const report = emptyReport(options.seed);
  const ranges: [number, number][] = [[options.from, options.to]];
  while (ranges.length > 0) {
    const [from, to] = ranges.shift()!;
    if (from >= to) continue;
    const end = await runRange(options, from, to);
    if ("part" in end) {
      mergeReport(report, end.part);
      continue;
    }
    report.failures.push({ ...describeCase(options.seed, end.stuck), message: end.why });
    (report as { cases: number }).cases++;
    ranges.push([from, end.stuck], [end.stuck + 1, to]);
  }
  report.failures.sort((a, b) => a.index - b.index);
  return { ...report, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

/** The seed file and mutations of a case, for a failure report (unknown if making it fails too). */
function describeCase(seed: number, index: number): { index: number; seed: string; mutations: string[] } {
  try {
    const c = fuzzCase(seed, index, fuzzMaterial());
    return { index, seed: c.seed, mutations: [...c.mutations] };
  } catch (error) {
    return { index, seed: "?", mutations: [`making the case failed: ${(error as Error).message}`] };
  }
}
