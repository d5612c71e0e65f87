import { parentPort } from "node:worker_threads";
import { type LoadedPlugin, loadPluginModule } from "@colorize/runtime";
import { agentsToLoad, evaluateUnit, type UnitEvent, type UnitJob } from "./evaluate-unit.js";
import type { LaneMessage, PoolMessage } from "./pool.js";

// One lane of the pool: evaluates the units it is sent, one after another, on this thread. The
// thread lives as long as its lane, so plugins are loaded once and what a plugin keeps between
// units of one photograph (the basic agent's searches, see plugin-knn's search memo) is kept.
const port = parentPort;
if (!port) throw new Error("eval-worker must run on a worker thread");
const send = (m: PoolMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const plugins = new Map<string, LoadedPlugin>();

async function evaluate(job: UnitJob): Promise<void> {
  for (const a of agentsToLoad(job))
    if (!plugins.has(a.entry)) plugins.set(a.entry, await loadPluginModule(a.entry));
  const outcome = await evaluateUnit(job, plugins, (event: UnitEvent) => send({ type: "event", event }));
  send(
    { type: "done", outcome },
    outcome.artifacts.map((a) => a.png.buffer as ArrayBuffer),
  );
}

// An abort terminates this thread (see pool.ts), so a unit needs no signal here.
port.on("message", (m: LaneMessage) => {
  if (m?.type === "unit") {
    evaluate(m.job).catch((err: Error) =>
      send({ type: "error", name: err?.name ?? "Error", message: err?.message ?? String(err) }),
    );
  }
});
