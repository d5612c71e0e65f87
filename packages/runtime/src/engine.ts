import {
  AbortError,
  computeMetrics,
  type Metrics,
  type Palette,
  paletteToArray,
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

/** Options of {@link runComparison}. */
export interface ComparisonOptions {
  readonly image: RgbImage;
  /** Shown in results; the engine reads nothing from disk. */
  readonly imagePath: string;
  readonly agents: readonly AgentChoice[];
  /** Palette size (default 5); ignored with `palette`. */
  readonly k?: number;
  /** Seed of k-means and of every agent (default 0). */
  readonly seed?: number;
  readonly palette?: Palette;
  readonly validationColumns?: number;
  readonly signal?: AbortSignal;
  readonly isolation?: "inline" | "worker";
  readonly backend?: string;
  /** A prepared task to reuse (same split, palette and strip for several runs). */
  readonly task?: Task;
}

/** Everything a comparison produced. */
export interface ComparisonResult {
  readonly image: { readonly path: string; readonly width: number; readonly height: number };
  readonly task: Task;
  readonly palette: number[][];
  readonly agents: AgentResult[];
  /** Right-half RGB predictions by agent label. */
  readonly outputs: Map<string, Uint8Array>;
  readonly baselines: { readonly gray: Metrics; readonly paletteCeiling: Metrics };
  readonly errors: { readonly agent: string; readonly message: string; readonly cancelled: boolean }[];
  readonly seconds: number;
}

/**
 * Runs every agent on one shared split, palette and validation strip, scoring each on the right
 * half, with the `gray` and `palette-ceiling` reference rows. Emits {@link EngineEvent}s as it goes.
 * An agent that fails is reported and the others still run; a cancelled run stops at once.
 */
export async function runComparison(
  options: ComparisonOptions,
  emit: EngineListener = () => {},
): Promise<ComparisonResult> {
  const t0 = performance.now();
  const seed = options.seed ?? 0;
  const { image } = options;
  emit({ type: "start", image: { path: options.imagePath, width: image.width, height: image.height } });
  const task =
    options.task ??
    prepareTask(image, {
      k: options.k,
      seed,
      palette: options.palette,
      validationColumns: options.validationColumns,
    });
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
  });
  const baselines = baselineMetrics(task);
  emit({ type: "baseline", name: "gray", metrics: baselines.gray });
  emit({ type: "baseline", name: "paletteCeiling", metrics: baselines.paletteCeiling });

  const labels = new Set<string>();
  const agents: AgentResult[] = [];
  const outputs = new Map<string, Uint8Array>();
  const errors: ComparisonResult["errors"] = [];
  for (const [index, choice] of options.agents.entries()) {
    const name = choice.label ?? choice.loaded.short;
    if (labels.has(name)) throw new RangeError(`agent ${name} appears twice in one run; give each a label`);
    labels.add(name);
    if (options.signal?.aborted) throw new AbortError();
    emit({ type: "agent-start", agent: name, index, total: options.agents.length });
    try {
      const run = await runAgent(
        {
          entry: choice.loaded.entry,
          plugin: choice.loaded.plugin,
          config: choice.config ?? {},
          seed,
          backend: options.backend,
        },
        task.train,
        task.test,
        {
          signal: options.signal,
          isolation: options.isolation,
          onProgress: (e) => {
            if (e.type === "stage")
              emit({ type: "progress", agent: name, stage: e.stage, fraction: e.fraction });
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
        config: { ...(choice.config ?? {}) },
        metrics,
        seconds: run.fitSeconds + run.predictSeconds,
        fitSeconds: run.fitSeconds,
        predictSeconds: run.predictSeconds,
        backend: run.prediction.backend,
        fit: run.fit,
      };
      agents.push(result);
      outputs.set(name, run.prediction.rgb);
      emit({ type: "result", result });
    } catch (err) {
      const cancelled = err instanceof AbortError || (err as Error)?.name === "AbortError";
      const message = (err as Error)?.message ?? String(err);
      errors.push({ agent: name, message, cancelled });
      emit({ type: "error", agent: name, message, cancelled });
      if (cancelled) throw err;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  emit({ type: "done", seconds });
  return {
    image: { path: options.imagePath, width: image.width, height: image.height },
    task,
    palette,
    agents,
    outputs,
    baselines,
    errors,
    seconds,
  };
}
