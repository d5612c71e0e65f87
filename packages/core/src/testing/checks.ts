import {
  AbortError,
  type AbortSignalLike,
  type Agent,
  type FitReport,
  type ProgressEvent,
} from "../agent.js";
import type { RgbImage } from "../image.js";
import { ConfigError, defaultsOf, parseConfig } from "../params.js";
import type { Plugin } from "../plugin.js";
import { prepareTask, type Task } from "../prepare.js";
import { createRng } from "../prng.js";
import type { Prediction } from "../task.js";
import { firstDifference, receivedBy } from "./received.js";
import { scrambleEqualGray, syntheticImage } from "./synthetic.js";

/** How a pipeline turns an image into the task whose `train` and `test` an agent receives. */
export type PrepareTask = (image: RgbImage, options: { readonly k: number; readonly seed: number }) => Task;

/** Options of the conformance checks. */
export interface KitOptions {
  /** Parameters applied on top of the defaults in every check (e.g. fewer epochs). Default none. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Size of the synthetic scene (default 24 x 12). */
  readonly width?: number;
  readonly height?: number;
  /** Palette size (default 5). */
  readonly k?: number;
  /**
   * The pipeline under test: how the task is built from an image (default core's `prepareTask`,
   * which every command uses). A plugin's tests leave it alone; the kit's own tests pass
   * pipelines with a side door to the truth, to show that the leak check fails them.
   */
  readonly prepare?: PrepareTask;
}

/** Raised by a check that the plugin fails; the message says what and how. */
export class ConformanceError extends Error {
  override name = "ConformanceError";
}

function assert(condition: unknown, plugin: Plugin, message: string): asserts condition {
  if (!condition) throw new ConformanceError(`${plugin.meta.name}: ${message}`);
}

/** One full run: task from the image, a fresh agent, fit on the left half, predict the right. */
export interface PipelineRun {
  readonly task: Task;
  readonly agent: Agent;
  readonly report: FitReport;
  readonly prediction: Prediction;
}

/**
 * Runs the whole pipeline from an image, as the engine does, with an optional signal and
 * listener; `onReceive` is handed {@link receivedBy} of the run before the agent fits.
 */
export async function runPipeline(
  plugin: Plugin,
  image: RgbImage,
  options: KitOptions & {
    seed?: number;
    signal?: AbortSignalLike;
    onProgress?: (e: ProgressEvent) => void;
  } = {},
  onReceive?: (received: Record<string, unknown>) => void,
): Promise<PipelineRun> {
  const seed = options.seed ?? 0;
  const task = (options.prepare ?? prepareTask)(image, { k: options.k ?? 5, seed });
  const agent = plugin.create(parseConfig(plugin.params, options.config ?? {}));
  const ctx = { seed, rng: createRng(seed), signal: options.signal, onProgress: options.onProgress };
  onReceive?.(receivedBy(task.train, task.test, ctx));
  const report = await agent.fit(task.train, ctx);
  const prediction = await agent.predict(task.test, ctx);
  return { task, agent, report, prediction };
}

function scene(o: KitOptions, seed = 0): RgbImage {
  return syntheticImage(o.width ?? 24, o.height ?? 12, seed);
}

function same(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The defaults fit the schema, create an agent, and an unknown parameter is refused with one line. */
export async function checkDefaults(plugin: Plugin): Promise<void> {
  const parsed = parseConfig(plugin.params, {});
  assert(
    JSON.stringify(parsed) === JSON.stringify(defaultsOf(plugin.params)),
    plugin,
    "defaults do not parse to themselves",
  );
  const agent = plugin.create(parsed);
  assert(
    typeof agent.fit === "function" && typeof agent.predict === "function",
    plugin,
    "create() must return an agent",
  );
  let refused: unknown;
  try {
    parseConfig(plugin.params, { "no-such-parameter": 1 });
  } catch (e) {
    refused = e;
  }
  assert(
    refused instanceof ConfigError && !(refused as Error).message.includes("\n"),
    plugin,
    "unknown parameters must be refused",
  );
}

/** Two runs with the same seed predict the same colours and labels. */
export async function checkDeterminism(plugin: Plugin, o: KitOptions = {}): Promise<void> {
  const a = await runPipeline(plugin, scene(o), { ...o, seed: 7 });
  const b = await runPipeline(plugin, scene(o), { ...o, seed: 7 });
  assert(same(a.prediction.rgb, b.prediction.rgb), plugin, "the same seed gave different colours");
  assert(same(a.prediction.labels, b.prediction.labels), plugin, "the same seed gave different labels");
}

/** The prediction covers the test band with 8-bit RGB, labels inside the palette, and names its backend. */
export async function checkOutput(plugin: Plugin, o: KitOptions = {}): Promise<void> {
  const { task, prediction: p } = await runPipeline(plugin, scene(o), o);
  const n = task.test.width * task.test.height;
  assert(
    p.rgb instanceof Uint8Array && p.rgb.length === 3 * n,
    plugin,
    `rgb must be a Uint8Array of ${3 * n} values`,
  );
  if (plugin.capabilities.output === "label") {
    assert(
      p.labels instanceof Uint8Array && p.labels.length === n,
      plugin,
      `a label plugin must return ${n} labels`,
    );
  }
  if (p.labels) {
    for (let i = 0; i < n; i++)
      assert(p.labels[i] < task.palette.size, plugin, `label ${p.labels[i]} is outside the palette`);
  }
  assert(
    typeof p.backend === "string" && p.backend.length > 0,
    plugin,
    "the prediction must name its backend",
  );
}

/** A snapshot survives JSON and restores to an agent that predicts identically. */
export async function checkRoundTrip(plugin: Plugin, o: KitOptions = {}): Promise<void> {
  const run = await runPipeline(plugin, scene(o), o);
  const snapshot = JSON.parse(JSON.stringify(run.agent.toJSON()));
  assert(snapshot.plugin === plugin.meta.name, plugin, "the snapshot must name its plugin");
  const restored = plugin.restore(snapshot);
  const p = await restored.predict(run.task.test, { seed: 0, rng: createRng(0) });
  assert(same(p.rgb, run.prediction.rgb), plugin, "the restored agent predicts other colours");
  assert(same(p.labels, run.prediction.labels), plugin, "the restored agent predicts other labels");
}

/** Progress events arrive and are well formed; an iterative plugin reports numbered epochs with a finite loss. */
export async function checkProgress(plugin: Plugin, o: KitOptions = {}): Promise<void> {
  const events: ProgressEvent[] = [];
  const { report } = await runPipeline(plugin, scene(o), { ...o, onProgress: (e) => events.push(e) });
  assert(events.length > 0, plugin, "no progress events");
  for (const e of events) {
    if (e.type === "stage")
      assert(e.fraction >= 0 && e.fraction <= 1, plugin, `stage fraction ${e.fraction} is outside [0, 1]`);
  }
  if (plugin.capabilities.iterative) {
    const epochs = events.filter((e) => e.type === "epoch");
    assert(epochs.length > 0, plugin, "an iterative plugin must report epochs");
    epochs.forEach((e, i) => {
      assert(
        e.epoch === i + 1 && e.epoch <= e.epochs,
        plugin,
        "epochs must count 1, 2, ... up to their bound",
      );
      assert(Number.isFinite(e.trainLoss), plugin, `epoch ${e.epoch} has a non-finite training loss`);
    });
    assert(
      report.history?.length === epochs.length,
      plugin,
      "the fit report's history must list every epoch",
    );
  }
}

async function rejectsWithAbort(run: Promise<unknown>): Promise<boolean> {
  try {
    await run;
    return false;
  } catch (e) {
    return e instanceof AbortError;
  }
}

/** An aborted signal, before the run or after its first progress event, rejects with core's AbortError. */
export async function checkAbort(plugin: Plugin, o: KitOptions = {}): Promise<void> {
  const before = runPipeline(plugin, scene(o), { ...o, signal: { aborted: true } });
  assert(await rejectsWithAbort(before), plugin, "an already-aborted signal must reject with AbortError");
  const signal = { aborted: false };
  const during = runPipeline(plugin, scene(o), {
    ...o,
    signal,
    onProgress: () => {
      signal.aborted = true;
    },
  });
  assert(
    await rejectsWithAbort(during),
    plugin,
    "aborting after the first progress event must reject with AbortError",
  );
}

/**
 * Leak test: two scenes identical except for the right half's true colours, replaced by other
 * colours of exactly the same gray. First, everything the agent receives (the training set, the
 * test set, the context's data: every byte reachable from them, whole buffers behind views
 * included) must be identical in the two scenes, or the pipeline offers the truth through a side
 * door, whether this plugin uses it or not. Then the predictions must be identical too, or the
 * plugin found the truth some other way (or is not deterministic).
 */
export async function checkNoLeak(plugin: Plugin, o: KitOptions = {}): Promise<void> {
  const image = scene(o, 3);
  const twin = scrambleEqualGray(image, Math.floor(image.width / 2), 5);
  const received: Record<string, unknown>[] = [];
  const keep = (r: Record<string, unknown>) => received.push(r);
  const a = await runPipeline(plugin, image, o, keep);
  const b = await runPipeline(plugin, twin, o, keep);
  assert(!same(a.task.truth, b.task.truth), plugin, "the leak test's scenes must differ in their truth");
  const differs = firstDifference(received[0], received[1]);
  assert(
    differs === undefined,
    plugin,
    `the agent receives a different ${differs?.slice(1)} when only the right half's colours change (a leak in the pipeline)`,
  );
  assert(
    same(a.prediction.rgb, b.prediction.rgb),
    plugin,
    "right-half colours changed the prediction (a leak)",
  );
  assert(
    same(a.prediction.labels, b.prediction.labels),
    plugin,
    "right-half colours changed the labels (a leak)",
  );
}
