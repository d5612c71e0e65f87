import { builtWorker } from "@colorize/compute";
import {
  type AbortSignalLike,
  type AgentSnapshot,
  createRng,
  type FitReport,
  type Plugin,
  type Prediction,
  type ProgressEvent,
  parseConfig,
  type TestSet,
  type TrainSet,
} from "@colorize/core";
import { loadPluginModule } from "./discovery.js";
import { runWorkerJob, workerError } from "./worker-job.js";

/** Which agent to run and how. */
export interface AgentSpec {
  /** Module that default-exports the plugin (needed for `worker` isolation). */
  readonly entry: string;
  /** The plugin itself, when already loaded (inline runs). */
  readonly plugin?: Plugin;
  readonly config: Record<string, unknown>;
  readonly seed: number;
  readonly backend?: string;
  /** Also return the fitted agent's snapshot (`toJSON`), so that it can be saved. */
  readonly snapshot?: boolean;
}

/** What running an agent returns. */
export interface AgentRun {
  readonly prediction: Prediction;
  readonly fit: FitReport;
  readonly fitSeconds: number;
  readonly predictSeconds: number;
  /** The fitted agent's snapshot, when the spec asked for it. */
  readonly snapshot?: AgentSnapshot;
}

/** Options of {@link runAgent}. */
export interface RunAgentOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** `inline` runs on this thread; `worker` on a worker thread (keeps a UI responsive). */
  readonly isolation?: "inline" | "worker";
}

/** Fits and predicts on this thread. */
export async function runAgentInline(
  spec: AgentSpec,
  train: TrainSet,
  test: TestSet,
  options: { signal?: AbortSignalLike; onProgress?: (event: ProgressEvent) => void } = {},
): Promise<AgentRun> {
  const plugin = spec.plugin ?? (await loadPluginModule(spec.entry)).plugin;
  const agent = plugin.create(parseConfig(plugin.params, spec.config));
  const rng = createRng(spec.seed);
  const ctx = {
    seed: spec.seed,
    rng,
    signal: options.signal,
    onProgress: options.onProgress,
    backend: spec.backend,
  };
  const t0 = performance.now();
  const fit = await agent.fit(train, ctx);
  const t1 = performance.now();
  const prediction = await agent.predict(test, ctx);
  const t2 = performance.now();
  const n = test.width * test.height;
  if (!(prediction.rgb instanceof Uint8Array) || prediction.rgb.length !== n * 3) {
    throw new Error(`${plugin.meta.name} returned ${prediction.rgb?.length} RGB values for ${n} pixels`);
  }
  const run = { prediction, fit, fitSeconds: (t1 - t0) / 1000, predictSeconds: (t2 - t1) / 1000 };
  return spec.snapshot ? { ...run, snapshot: agent.toJSON() } : run;
}

/** Fits and predicts on a worker thread; aborting terminates the worker, leaving nothing behind. */
export function runAgentInWorker(
  spec: AgentSpec,
  train: TrainSet,
  test: TestSet,
  options: { signal?: AbortSignal; onProgress?: (event: ProgressEvent) => void } = {},
): Promise<AgentRun> {
  const file = builtWorker(import.meta.url, "agent-worker.js");
  if (!file) return Promise.reject(new Error("the agent worker is not built; run the build first"));
  return runWorkerJob<AgentRun, WorkerMessage>({
    file,
    label: "the agent worker",
    signal: options.signal,
    workerData: {
      entry: spec.entry,
      config: spec.config,
      seed: spec.seed,
      backend: spec.backend,
      snapshot: spec.snapshot,
      train,
      test,
    },
    read: (msg) => {
      if (msg.type === "progress") options.onProgress?.(msg.event);
      else if (msg.type === "done") return { value: msg.run };
      else if (msg.type === "error") return { error: workerError(msg.name, msg.message) };
      return undefined;
    },
  });
}

/** Messages from the agent worker. */
export type WorkerMessage =
  | { type: "progress"; event: ProgressEvent }
  | { type: "done"; run: AgentRun }
  | { type: "error"; name: string; message: string };

/** Runs an agent inline or on a worker thread. */
export function runAgent(
  spec: AgentSpec,
  train: TrainSet,
  test: TestSet,
  options: RunAgentOptions = {},
): Promise<AgentRun> {
  return options.isolation === "worker"
    ? runAgentInWorker(spec, train, test, options)
    : runAgentInline(spec, train, test, options);
}
