import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import type { AgentSnapshot, Task } from "@colorize/core";
import { encodePng, writeFileAtomic } from "@colorize/image-io";
import {
  type ComparisonOptions,
  type ComparisonRun,
  type EngineListener,
  type OutputListener,
  snapshotDocument,
  snapshotText,
} from "@colorize/runtime";
import { jsonNumbers, resultsDocument } from "./results-doc.js";
import type { AgentRow, RunState } from "./state.js";

/** A fitted agent of the run, as a save needs it to write its snapshot file. */
export interface TrainedAgent {
  readonly snapshot: AgentSnapshot;
  readonly task: Task;
  /** What its plugin puts out. */
  readonly output: "label" | "rgb";
}

type StartComparison = (
  options: ComparisonOptions,
  emit: EngineListener,
  onOutput: OutputListener,
) => ComparisonRun;

/**
 * The runtime's `startComparison`, asking for every fitted agent's snapshot and keeping it in
 * `kept` by agent name (emptied when a run starts), for {@link saveRun}.
 */
export function keepingSnapshots(start: StartComparison, kept: Map<string, TrainedAgent>): StartComparison {
  return (options, emit, onOutput) => {
    kept.clear();
    const outputOf = (name: string) =>
      options.agents.find((a) => (a.label ?? a.loaded.short) === name)?.loaded.plugin.capabilities.output;
    return start({ ...options, snapshots: true }, emit, (agent, rgb, task, snapshot) => {
      const output = outputOf(agent);
      if (snapshot && output) kept.set(agent, { snapshot, task, output });
      onOutput(agent, rgb, task, snapshot);
    });
  };
}

/** The snapshot file of a finished agent, trained on the left half of the run's photograph. */
function snapshotFile(run: RunState, row: AgentRow, trained: TrainedAgent): Uint8Array | undefined {
  const { result } = row;
  if (!result || !run.original) return undefined;
  const { task } = trained;
  const doc = snapshotDocument(trained.snapshot, {
    output: trained.output,
    image: run.original,
    imagePath: run.imagePath,
    task: { ...task, region: "left", columns: [0, task.split.column] },
    seed: run.seed,
    fit: result.fit,
    metrics: { strip: null, rightHalf: result.metrics },
  });
  return new TextEncoder().encode(snapshotText(doc));
}

/** `YYYYMMDD-HHMMSS` in local time. */
export function timestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** A name safe as a file name on every platform. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "_") || "agent";
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Saves a run's finished agents: `<agent>.png` (left half in palette colours, right half the agent's
 * prediction) for each, its snapshot `<agent>.agent.json` (for `colorize apply`) when `trained` holds
 * it, and `results.json`, in a new folder `<parent>/<image name>-<timestamp>`. The
 * folder is written under a hidden temporary name and renamed when complete, so a failed save leaves
 * nothing behind and no reader ever sees half a folder.
 *
 * @returns the folder and the number of images written
 * @throws when no agent has finished, or on a write error (one-line message)
 */
export async function saveRun(
  run: RunState,
  parent: string,
  now: Date,
  trained: ReadonlyMap<string, TrainedAgent> = new Map(),
): Promise<{ folder: string; files: number }> {
  const finished = run.agents.filter((r) => r.status === "done" && run.outputs[r.name]);
  if (finished.length === 0) throw new Error("nothing to save yet: no agent has finished");
  const root = resolve(parent);
  await mkdir(root, { recursive: true });
  const stem = `${safeName(basename(run.imagePath, extname(run.imagePath)))}-${timestamp(now)}`;
  let folder = join(root, stem);
  for (let n = 2; await exists(folder); n++) folder = join(root, `${stem}-${n}`);
  const temp = await mkdtemp(join(root, `.${stem}.tmp-`));
  try {
    const files: Record<string, string> = {};
    for (const row of finished) {
      let file = `${safeName(row.name)}.png`;
      for (let n = 2; Object.values(files).includes(file); n++) file = `${safeName(row.name)}-${n}.png`;
      files[row.name] = file;
      await writeFileAtomic(join(temp, file), encodePng(run.outputs[row.name]));
      const agent = trained.get(row.name);
      const snapshot = agent && snapshotFile(run, row, agent);
      if (snapshot) await writeFileAtomic(join(temp, file.replace(/\.png$/, ".agent.json")), snapshot);
    }
    const doc = `${JSON.stringify(resultsDocument(run, files), jsonNumbers, 2)}\n`;
    await writeFileAtomic(join(temp, "results.json"), new TextEncoder().encode(doc));
    await rename(temp, folder);
    return { folder, files: finished.length };
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}
