import { parentPort } from "node:worker_threads";
import { KdSearcher } from "./kd-search.js";
import { type SearchTask, workOn } from "./search-task.js";

// A worker searches chunks of a shared task until the work runs out, then says so.
parentPort?.on("message", ({ task, slot }: { task: SearchTask; slot: number }) => {
  try {
    workOn(task, new KdSearcher(task.tree, task.k, slot, task.traversal));
    parentPort?.postMessage({ ok: true });
  } catch (e) {
    parentPort?.postMessage({ ok: false, message: (e as Error).message });
  }
});
