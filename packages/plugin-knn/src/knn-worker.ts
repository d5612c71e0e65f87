import { parentPort } from "node:worker_threads";
import { type AheadRequest, aheadInWorker } from "./ahead.js";
import { KdSearcher } from "./kd-search.js";
import { type SearchTask, workOn } from "./search-task.js";

// A worker searches chunks of a shared task until the work runs out, then says so; or, asked to
// search ahead, builds the index first, hands it over, and searches (see ahead.ts).
parentPort?.on("message", (m: { task: SearchTask; slot: number } | { ahead: AheadRequest }) => {
  try {
    if ("ahead" in m) aheadInWorker(m.ahead, (message) => parentPort?.postMessage(message));
    else workOn(m.task, new KdSearcher(m.task.tree, m.task.k, m.slot, m.task.traversal));
    parentPort?.postMessage({ ok: true });
  } catch (e) {
    parentPort?.postMessage({ ok: false, message: (e as Error).message });
  }
});
