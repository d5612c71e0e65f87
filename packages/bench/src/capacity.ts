import { Worker } from "node:worker_threads";

// A fixed amount of arithmetic, split across the workers of one measurement.
const LOOP = `
const { parentPort, workerData } = require("node:worker_threads");
let s = 0;
for (let i = 0; i < workerData; i++) s += Math.sqrt(i) * 1e-9;
parentPort.postMessage(s);
`;

async function timeSplit(threads: number, iterations: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(LOOP, { eval: true, workerData: Math.floor(iterations / threads) });
          w.once("message", () => resolve());
          w.once("error", reject);
        }),
    ),
  );
  return performance.now() - t0;
}

/**
 * How much faster `threads` worker threads finish a trivially parallel loop than one does: the
 * parallel capacity the machine actually offered at that moment (about `threads` when idle, near
 * 1 when other work holds the other cores). Best of two measurements each.
 */
export async function parallelCapacity(threads: number, iterations = 1e8): Promise<number> {
  const one = Math.min(await timeSplit(1, iterations), await timeSplit(1, iterations));
  const many = Math.min(await timeSplit(threads, iterations), await timeSplit(threads, iterations));
  return one / many;
}
