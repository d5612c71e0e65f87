import { parentPort, workerData } from "node:worker_threads";
import { drawPiece, folderReader } from "./report-pieces.js";
import type { ReportWorkerData, ReportWorkerMessage } from "./report-pool.js";

const port = parentPort;
if (!port) throw new Error("report-worker must run on a worker thread");
const { pieces, outDir, mode, next } = workerData as ReportWorkerData;
const counter = new Int32Array(next);
const read = folderReader(outDir);
const send = (m: ReportWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

try {
  // Every worker takes the next undrawn piece from the shared counter, so none idles while another
  // still has a queue.
  for (let i = Atomics.add(counter, 0, 1); i < pieces.length; i = Atomics.add(counter, 0, 1)) {
    const value = drawPiece(pieces[i], read, mode);
    const own =
      typeof value !== "string" && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
    send({ type: "piece", index: i, value }, own ? [value.buffer as ArrayBuffer] : []);
  }
  send({ type: "done" });
} catch (err) {
  const e = err as Error;
  send({ type: "error", name: e?.name ?? "Error", message: e?.message ?? String(err) });
}
port.close();
