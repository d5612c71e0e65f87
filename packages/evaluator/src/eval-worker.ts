import { parentPort, workerData } from "node:worker_threads";
import { type LoadedPlugin, loadPluginModule } from "@colorize/runtime";
import { agentsToLoad, evaluateUnit, type UnitEvent, type UnitJob } from "./evaluate-unit.js";
import type { PoolMessage } from "./pool.js";

const port = parentPort;
if (!port) throw new Error("eval-worker must run on a worker thread");
const job = workerData as UnitJob;
const controller = new AbortController();
port.on("message", (m: { type?: string }) => {
  if (m?.type === "abort") controller.abort();
});
const send = (m: PoolMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function main(): Promise<void> {
  const plugins = new Map<string, LoadedPlugin>();
  for (const a of agentsToLoad(job))
    if (!plugins.has(a.entry)) plugins.set(a.entry, await loadPluginModule(a.entry));
  const outcome = await evaluateUnit(
    job,
    plugins,
    (event: UnitEvent) => send({ type: "event", event }),
    controller.signal,
  );
  send(
    { type: "done", outcome },
    outcome.artifacts.map((a) => a.png.buffer as ArrayBuffer),
  );
}

main().then(
  () => port.close(),
  (err: Error) => {
    send({ type: "error", name: err?.name ?? "Error", message: err?.message ?? String(err) });
    port.close();
  },
);
