import type { EpochRecord, ProgressEvent } from "../agent.js";
import { parseConfig } from "../params.js";
import type { Plugin } from "../plugin.js";
import { prepareTask, type Task } from "../prepare.js";
import { createRng } from "../prng.js";
import { ConformanceError } from "./checks.js";
import { scrambleEqualGray, syntheticImage } from "./synthetic.js";

/** Options of {@link checkStripBlind}. */
export interface StripBlindOptions {
  /**
   * Parameters of the run. Training must not depend on the strip through the plugin's own
   * choices, so set a schedule that ignores validation and a patience of at least the epochs
   * (a plateau schedule or early stopping rightly changes training once the strip's scores do).
   */
  readonly config: Readonly<Record<string, unknown>>;
  /** Size of the synthetic scene (default 40 x 16: a left half of 20 columns, a strip of 2). */
  readonly width?: number;
  readonly height?: number;
  readonly seed?: number;
}

/** The two runs' histories, for the caller's own assertions. */
export interface StripBlindRuns {
  readonly a: readonly EpochRecord[];
  readonly b: readonly EpochRecord[];
  readonly stripColumns: number;
}

function fail(plugin: Plugin, message: string): never {
  throw new ConformanceError(`${plugin.meta.name}: ${message}`);
}

async function fitHistory(plugin: Plugin, task: Task, o: StripBlindOptions): Promise<readonly EpochRecord[]> {
  const seed = o.seed ?? 0;
  const losses: number[] = [];
  const onProgress = (e: ProgressEvent) => {
    if (e.type === "epoch") losses.push(e.trainLoss);
  };
  const agent = plugin.create(parseConfig(plugin.params, o.config));
  const history = (await agent.fit(task.train, { seed, rng: createRng(seed), onProgress })).history ?? [];
  if (history.some((e, i) => !Object.is(e.trainLoss, losses[i])) || history.length !== losses.length)
    fail(plugin, "the fit report's history differs from the epoch events");
  return history;
}

/**
 * The validation strip's colours stay out of training: two scenes identical except for the
 * colours of the strip's pixels (the last columns of the left half), replaced by other colours
 * of exactly the same gray, with the same palette (the palette is the whole left half's, shared
 * by every agent). A learned plugin must then report the same training loss, bit for bit, in
 * every epoch, and as many epochs; the strip's own scores must change (or the strip was not
 * read at all, and the check would prove nothing).
 * @throws ConformanceError naming the first epoch whose training loss differs
 */
export async function checkStripBlind(plugin: Plugin, o: StripBlindOptions): Promise<StripBlindRuns> {
  const image = syntheticImage(o.width ?? 40, o.height ?? 16, 6);
  const first = prepareTask(image, { seed: o.seed ?? 0 });
  const v = first.train.validationColumns;
  const c = first.split.column;
  if (v < 1) fail(plugin, "the scene is too small for a validation strip");
  const twin = prepareTask(scrambleEqualGray(image, c - v, 9, c), {
    palette: first.palette,
    seed: o.seed ?? 0,
  });
  if (JSON.stringify(Array.from(twin.train.gray)) !== JSON.stringify(Array.from(first.train.gray)))
    fail(plugin, "the twin scene's gray differs");
  const a = await fitHistory(plugin, first, o);
  const b = await fitHistory(plugin, twin, o);
  if (a.length === 0) fail(plugin, "no epochs were reported");
  if (a.length !== b.length)
    fail(plugin, `the strip's colours changed the number of epochs (${a.length} against ${b.length})`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i].trainLoss, b[i].trainLoss)) {
      fail(
        plugin,
        `the strip's colours changed the training loss of epoch ${a[i].epoch} (${a[i].trainLoss} against ${b[i].trainLoss}): the strip reached training`,
      );
    }
  }
  if (a.every((e, i) => Object.is(e.validMetric, b[i].validMetric)))
    fail(plugin, "the strip's scores did not change: the check cannot tell whether the strip is read");
  return { a, b, stripColumns: v };
}
