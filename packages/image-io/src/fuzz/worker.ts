import { parentPort, workerData } from "node:worker_threads";
import { caseReport, checkCase, emptyReport, fuzzCase, fuzzMaterial, mergeReport } from "./run.js";

/** What the fuzz driver hands its worker: cases [from, to) of run `seed`, and a progress cell. */
export interface FuzzWorkerData {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  readonly maxPixels: number;
  /** Int32 [index of the case under way, -1 before the first]: the driver's watchdog reads it. */
  readonly progress: SharedArrayBuffer;
}

const data = workerData as FuzzWorkerData;
const progress = new Int32Array(data.progress);
const material = fuzzMaterial();
const report = emptyReport(data.seed);
for (let i = data.from; i < data.to; i++) {
  Atomics.store(progress, 0, i);
  const c = fuzzCase(data.seed, i, material);
  const t0 = performance.now();
  const outcome = checkCase(c.bytes, data.maxPixels);
  mergeReport(report, caseReport(data.seed, c, outcome, performance.now() - t0));
}
parentPort?.postMessage(report);
