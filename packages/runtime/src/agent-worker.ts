import { parentPort, workerData } from "node:worker_threads";
import type { ProgressEvent } from "@colorize/core";
import { runAgentInline, type WorkerMessage } from "./run-agent.js";

const port = parentPort;
if (!port) throw new Error("agent-worker must run on a worker thread");
const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const controller = new AbortController();
port.on("message", (m: { type?: string }) => {
  if (m?.type === "abort") controller.abort();
});

runAgentInline(workerData, workerData.train, workerData.test, {
  signal: controller.signal,
  onProgress: (event: ProgressEvent) => send({ type: "progress", event }),
}).then(
  (run) => {
    send({ type: "done", run });
    port.close();
  },
  (err: Error) => {
    send({ type: "error", name: err?.name ?? "Error", message: err?.message ?? String(err) });
    port.close();
  },
);
