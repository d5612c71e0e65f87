import { denseKernels } from "@colorize/compute";
import {
  type AgentSnapshot,
  computeMetrics,
  describeKernels,
  grayHalves,
  type Metrics,
  type Palette,
  paletteToArray,
  parseConfig,
  prepareTask,
  type RgbImage,
  type Task,
} from "@colorize/core";
import { baselineMetrics } from "./baselines.js";
import type { LoadedPlugin } from "./discovery.js";
import type { AgentResult, EngineListener } from "./events.js";
import { runAgent } from "./run-agent.js";

/** One agent of a comparison. */
export interface AgentChoice {
  readonly loaded: LoadedPlugin;
  readonly config?: Record<string, unknown>;
  /** Name in tables and events (default: the plugin's short name). Must be unique in a run. */
  readonly label?: string;
}

/** What {@link openComparison} needs: the image and how to split it and find its palette. */
export interface TaskSource {
  readonly image: RgbImage;
  /** Shown in the `start` event; nothing is read from it. */
  readonly imagePath: string;
  /** Palette size (default 5); ignored with `palette` or `task`. */
  readonly k?: number;
  /** Seed of k-means (default 0). */
  readonly seed?: number;
  readonly palette?: Palette;
  readonly validationColumns?: number;
  /** A prepared task to reuse instead of preparing one. */
  readonly task?: Task;
  /**
   * The agents that will run on the task, inline: each plugin with an `ahead` hook is told both
   * halves' gray before k-means runs (see `Plugin.ahead`), so gray-only work overlaps it.
   */
  readonly agents?: readonly AgentChoice[];
  /** How the agents will run; agents in worker isolation are not told ahead. */
  readonly isolation?: "inline" | "worker";
  /**
   * Compute backend requested for the run (default "auto"): k-means' assignment step runs on the
   * compute package's kernels for it (see `denseKernels`), which refuse an unknown one.
   */
  readonly backend?: string;
}

/** The shared ground of a comparison: task, palette as `[r, g, b]` rows, and both reference rows. */
export interface OpenedComparison {
  readonly task: Task;
  readonly palette: number[][];
  readonly baselines: { readonly gray: Metrics; readonly paletteCeiling: Metrics };
  /** Backend(s) that ran k-means' assignment kernel, when this comparison ran k-means. */
  readonly kmeansBackend?: string;
}

/**
 * Prepares (or reuses) the task and emits the opening events of every run, in order: `start`,
 * `split`, `palette`, then the `gray` and `paletteCeiling` baselines.
 */
export function openComparison(source: TaskSource, emit: EngineListener): OpenedComparison {
  const { image } = source;
  emit({ type: "start", image: { path: source.imagePath, width: image.width, height: image.height } });
  if (!source.task && source.isolation !== "worker") tellAhead(image, source.agents ?? []);
  const kernels = source.task ? undefined : denseKernels(source.backend ?? "auto");
  const task =
    source.task ??
    prepareTask(image, {
      k: source.k,
      seed: source.seed ?? 0,
      palette: source.palette,
      validationColumns: source.validationColumns,
      kernels,
    });
  const kmeansBackend = kernels && task.kmeans ? describeKernels(kernels.used()) : undefined;
  const { split } = task;
  emit({
    type: "split",
    column: split.column,
    trainWidth: split.trainWidth,
    testWidth: split.testWidth,
    validationColumns: task.train.validationColumns,
  });
  const palette = paletteToArray(task.palette);
  emit({
    type: "palette",
    palette,
    source: task.kmeans ? "kmeans" : "given",
    k: task.palette.size,
    iterations: task.kmeans?.iterations,
    inertia: task.kmeans?.inertia,
    backend: kmeansBackend,
  });
  const baselines = baselineMetrics(task);
  emit({ type: "baseline", name: "gray", metrics: baselines.gray });
  emit({ type: "baseline", name: "paletteCeiling", metrics: baselines.paletteCeiling });
  return { task, palette, baselines, kmeansBackend };
}

/**
 * Hands both halves' gray to every agent plugin with an `ahead` hook, with its parsed
 * configuration. A hint only: a hook that throws, or a configuration that does not parse (the
 * agent itself reports that when it runs), changes nothing.
 */
function tellAhead(image: RgbImage, agents: readonly AgentChoice[]): void {
  const told = agents.filter((a) => typeof a.loaded.plugin.ahead === "function");
  if (told.length === 0) return;
  let bands: ReturnType<typeof grayHalves>;
  try {
    bands = grayHalves(image);
  } catch {
    return; // prepareTask refuses this image with its own message
  }
  for (const a of told) {
    try {
      a.loaded.plugin.ahead?.(bands, parseConfig(a.loaded.plugin.params, a.config ?? {}));
    } catch {
      // the run goes on without the hint
    }
  }
}

/** How {@link runScored} runs an agent. */
export interface ScoredRunOptions {
  /** Seed of the agent's run context. */
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly isolation?: "inline" | "worker";
  readonly backend?: string;
  /** Also return the fitted agent's snapshot. */
  readonly snapshot?: boolean;
}

/**
 * Runs one agent on the task, forwarding its progress as engine events (`progress`, `epoch`, `log`)
 * under `name`, and scores its right-half RGB against the truth. Emits no `agent-start` or
 * `result`: the caller decides what is kept. Rejects as the agent does.
 */
export async function runScored(
  name: string,
  choice: AgentChoice,
  task: Task,
  options: ScoredRunOptions,
  emit: EngineListener,
): Promise<{ result: AgentResult; rgb: Uint8Array; snapshot?: AgentSnapshot }> {
  const config = choice.config ?? {};
  const run = await runAgent(
    {
      entry: choice.loaded.entry,
      plugin: choice.loaded.plugin,
      config,
      seed: options.seed,
      backend: options.backend,
      snapshot: options.snapshot,
    },
    task.train,
    task.test,
    {
      signal: options.signal,
      isolation: options.isolation,
      onProgress: (e) => {
        if (e.type === "stage") emit({ type: "progress", agent: name, stage: e.stage, fraction: e.fraction });
        else if (e.type === "epoch") emit({ ...e, agent: name });
        else emit({ type: "log", agent: name, message: e.message });
      },
    },
  );
  const { width, height } = task.test;
  const metrics = computeMetrics(
    task.truth,
    run.prediction.rgb,
    width,
    height,
    task.palette,
    run.prediction.labels,
  );
  const result: AgentResult = {
    name,
    plugin: choice.loaded.name,
    config: { ...config },
    metrics,
    seconds: run.fitSeconds + run.predictSeconds,
    fitSeconds: run.fitSeconds,
    predictSeconds: run.predictSeconds,
    backend: run.prediction.backend,
    fit: run.fit,
  };
  return { result, rgb: run.prediction.rgb, snapshot: run.snapshot };
}
