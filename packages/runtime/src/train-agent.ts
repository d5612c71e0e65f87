import { basename } from "node:path";
import {
  type AbortSignalLike,
  type Agent,
  type AgentSnapshot,
  type BandTask,
  bandTask,
  computeMetrics,
  cropColumns,
  defaultValidationColumns,
  type FitReport,
  grayStats,
  type Metrics,
  type Palette,
  type ProgressEvent,
  paletteToArray,
  parseConfig,
  type RgbImage,
  splitColumn,
} from "@colorize/core";
import type { LoadedPlugin } from "./discovery.js";
import { runContext } from "./run-context.js";
import { pixelDigest, SNAPSHOT_FORMAT, type SnapshotDocument, type SnapshotFit } from "./snapshot-file.js";

/** Which part of a colour photograph trains an agent. */
export type TrainingRegion = "all" | "left";

/** Options of {@link trainingTask}. */
export interface TrainingTaskOptions {
  /** `all` (default): every column; `left`: the left half [0, floor(W / 2)), exactly as `colorize run`. */
  readonly region?: TrainingRegion;
  /** Palette size for k-means on the training band (default 5); ignored with `palette`. */
  readonly k?: number;
  /** Seed of k-means (default 0). */
  readonly seed?: number;
  readonly palette?: Palette;
  /** Strip width (default 10 % of the training band, at most 2^17 pixels, as `prepareTask` chooses for a left half). */
  readonly validationColumns?: number;
}

/** The training band of a photograph, its palette, and its validation strip as a test band. */
export interface TrainingTask extends BandTask {
  readonly region: TrainingRegion;
  /** Columns [0, x1) of the photograph in the training band. */
  readonly columns: readonly [number, number];
}

/**
 * The task that trains a saved agent: the training band is the whole photograph (`all`) or its
 * left half (`left`, the very training set of `colorize run` with the same options); the palette
 * comes from the band alone; the band's last `validationColumns` columns are its validation strip,
 * which is also the task's test band (its colours are the truth that scores the saved agent).
 * @throws RangeError when the strip does not fit the band
 */
export function trainingTask(image: RgbImage, options: TrainingTaskOptions = {}): TrainingTask {
  const region = options.region ?? "all";
  const x1 = region === "left" ? splitColumn(image.width) : image.width;
  const band = region === "left" ? cropColumns(image, 0, x1) : image;
  const strip = options.validationColumns ?? defaultValidationColumns(x1, image.height);
  if (!Number.isInteger(strip) || strip < 0 || strip >= x1) {
    throw new RangeError(
      `validation strip of ${strip} columns does not fit a training band of ${x1} columns`,
    );
  }
  const task = bandTask(band, cropColumns(band, x1 - strip, x1), {
    k: options.k,
    seed: options.seed ?? 0,
    palette: options.palette,
    validationColumns: strip,
  });
  return { ...task, region, columns: [0, x1] };
}

/** Options of {@link trainAgent}. */
export interface TrainAgentOptions {
  readonly config?: Record<string, unknown>;
  /** Seed of the agent's run context (the same as k-means' in `colorize run`). */
  readonly seed: number;
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly backend?: string;
}

/** A trained agent with its fit report and its scores on the strip. */
export interface TrainedAgent {
  readonly agent: Agent;
  readonly config: Record<string, unknown>;
  readonly fit: FitReport;
  readonly fitSeconds: number;
  /** Scores on the validation strip, or null without one. */
  readonly strip: Metrics | null;
}

/**
 * Creates the plugin's agent and fits it on the task's training band with the run context that
 * `colorize run` gives (seed and a PRNG made from it), then scores the fitted agent on the strip.
 * A plugin that cannot restore agents is refused before fitting, since its agent could not be saved.
 */
export async function trainAgent(
  loaded: LoadedPlugin,
  task: TrainingTask,
  options: TrainAgentOptions,
): Promise<TrainedAgent> {
  const { plugin } = loaded;
  if (typeof plugin.restore !== "function")
    throw new RangeError(
      `plugin ${loaded.name} cannot restore agents (it has no restore), so none can be saved`,
    );
  const config = parseConfig(plugin.params, options.config ?? {});
  const agent = plugin.create(config);
  const ctx = runContext(options);
  const t0 = performance.now();
  const fit = await agent.fit(task.train, ctx);
  const fitSeconds = (performance.now() - t0) / 1000;
  let strip: Metrics | null = null;
  if (task.test.width > 0) {
    const p = await agent.predict(task.test, ctx);
    strip = computeMetrics(task.truth, p.rgb, task.test.width, task.test.height, task.palette, p.labels);
  }
  return { agent, config, fit, fitSeconds, strip };
}

/** A fit report without its timings, so that the same training writes the same file. */
export function snapshotFit(fit: FitReport): SnapshotFit {
  const facts: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(fit.facts ?? {})) if (!/seconds/i.test(k)) facts[k] = v;
  return {
    history: (fit.history ?? []).map((h) => ({ ...h })),
    bestEpoch: fit.bestEpoch ?? null,
    metric: fit.metric ?? null,
    facts,
    backend: fit.backend ?? null,
  };
}

/** Everything a snapshot document records besides the agent itself. */
export interface SnapshotSource {
  /** What the plugin puts out (its `capabilities.output`). */
  readonly output: "label" | "rgb";
  /** The training photograph and the path it was read from (only its file name is kept). */
  readonly image: RgbImage;
  readonly imagePath: string;
  /** The part of the photograph that trained the agent: its region, columns, palette and training set. */
  readonly task: Pick<TrainingTask, "region" | "columns" | "palette" | "kmeans" | "train">;
  readonly seed: number;
  readonly fit: FitReport;
  readonly metrics: SnapshotDocument["metrics"];
}

/** The snapshot document of a fitted agent (what its `toJSON` returned), with where and how it was trained. */
export function snapshotDocument(saved: AgentSnapshot, source: SnapshotSource): SnapshotDocument {
  const { image, task } = source;
  return {
    format: SNAPSHOT_FORMAT,
    plugin: { name: saved.plugin, version: saved.version, output: source.output },
    config: saved.config,
    palette: paletteToArray(task.palette),
    seed: source.seed,
    training: {
      image: basename(source.imagePath),
      width: image.width,
      height: image.height,
      sha256: pixelDigest(image),
      region: task.region,
      columns: task.columns,
      validationColumns: task.train.validationColumns,
      palette: { source: task.kmeans ? "kmeans" : "given", k: task.palette.size },
      gray: grayStats(task.train.gray),
    },
    metrics: source.metrics,
    fit: snapshotFit(source.fit),
    agent: saved,
  };
}
