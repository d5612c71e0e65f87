import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AbortError } from "@colorize/core";
import { afterAll, describe, expect, it } from "vitest";
import { runWorkerJob, type WorkerSettle, workerError } from "./worker-job.js";

type Msg =
  | { type: "tick"; n: number }
  | { type: "done"; value: number }
  | { type: "fail"; name: string; message: string };

const dir = mkdtempSync(join(tmpdir(), "colorize-worker-job-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker script that reads its mode from workerData. */
const file = join(dir, "worker.mjs");
writeFileSync(
  file,
  `import { parentPort, workerData } from "node:worker_threads";
   const { mode } = workerData;
   if (mode === "count") { for (let n = 1; n <= 3; n++) parentPort.postMessage({ type: "tick", n }); parentPort.postMessage({ type: "done", value: 42 }); }
   else if (mode === "fail") parentPort.postMessage({ type: "fail", name: "RangeError", message: "bad input" });
   else if (mode === "exit") process.exit(3);
   else if (mode === "hang") setInterval(() => {}, 1000);`,
);

function read(ticks: number[]) {
  return (m: Msg): WorkerSettle<number> => {
    if (m.type === "tick") ticks.push(m.n);
    else if (m.type === "done") return { value: m.value };
    else return { error: workerError(m.name, m.message) };
    return undefined;
  };
}

describe("runWorkerJob", () => {
  it("hands progress to the reader and settles with the result", async () => {
    const ticks: number[] = [];
    const v = await runWorkerJob({
      file,
      workerData: { mode: "count" },
      label: "the test worker",
      read: read(ticks),
    });
    expect(v).toBe(42);
    expect(ticks).toEqual([1, 2, 3]);
  });

  it("rejects with the worker's error, keeping its name", async () => {
    const run = runWorkerJob({
      file,
      workerData: { mode: "fail" },
      label: "the test worker",
      read: read([]),
    });
    await expect(run).rejects.toMatchObject({ name: "RangeError", message: "bad input" });
  });

  it("names the worker when it exits without a result", async () => {
    const run = runWorkerJob({
      file,
      workerData: { mode: "exit" },
      label: "the test worker",
      read: read([]),
    });
    await expect(run).rejects.toThrow("the test worker exited with code 3");
  });

  it("stops a running worker on abort, and refuses to start when already aborted", async () => {
    const controller = new AbortController();
    const run = runWorkerJob({
      file,
      workerData: { mode: "hang" },
      label: "the test worker",
      signal: controller.signal,
      read: read([]),
    });
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toBeInstanceOf(AbortError);
    const early = runWorkerJob({
      file,
      workerData: { mode: "count" },
      label: "the test worker",
      signal: controller.signal,
      read: read([]),
    });
    await expect(early).rejects.toBeInstanceOf(AbortError);
  });

  it("turns a reported AbortError back into one", () => {
    expect(workerError("AbortError", "stopped")).toBeInstanceOf(AbortError);
    expect(workerError("TypeError", "x").name).toBe("TypeError");
  });
});
