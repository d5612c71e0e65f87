import { type AbortSignalLike, type EpochRecord, type ProgressEvent, throwIfAborted } from "../agent.js";
import { type Rng, shuffle } from "../prng.js";
import { BatchBuffer, type Dataset } from "./dataset.js";
import type { Model } from "./model.js";
import { createOptimizer, type OptimizerName } from "./optimizers.js";
import { type ScheduleName, scheduledRate } from "./schedule.js";

/** How to train; every field is a plugin parameter. */
export interface TrainerOptions {
  /** Upper bound on epochs. */
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** SGD momentum (ignored by Adam; default 0.9). */
  readonly momentum?: number;
  readonly schedule: ScheduleName;
  /** Epochs without improvement of the validation metric before stopping. */
  readonly patience: number;
  /**
   * Smallest relative decrease of the validation metric that counts as an improvement (default
   * 0.005): with averaging the metric creeps down by tiny steps for many epochs, which would keep
   * training long after it stopped mattering.
   */
  readonly minImprovement?: number;
  /**
   * Rows drawn (without replacement, freshly shuffled) per epoch; 0 or more than the dataset
   * means every row. Bounds the cost of an epoch on megapixel images.
   */
  readonly samplesPerEpoch?: number;
  /**
   * Polyak averaging: after every step, avg = d avg + (1 - d) params, bias-corrected like Adam's
   * moments; validation and the kept parameters use the average. 0 (the default) turns it off;
   * 0.99 averages over about the last hundred steps, which smooths the noise of minibatch steps
   * without lagging far behind.
   */
  readonly averaging?: number;
}

/** One epoch's validation figures, from the caller's evaluation of the current parameters. */
export interface Validation {
  readonly loss?: number;
  /** The early-stopping criterion; lower is better. */
  readonly metric: number;
}

/** What a training run needs besides data. */
export interface TrainContext {
  readonly rng: Rng;
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Validation of the model's current parameters; without it training runs all epochs on train loss. */
  readonly validate?: (model: Model) => Validation;
  /** Name of the validation metric, reported in progress events. */
  readonly metric?: string;
}

/** The outcome of {@link train}: the model holds the parameters of `bestEpoch`. */
export interface TrainResult {
  readonly history: EpochRecord[];
  /** 1-based epoch whose parameters were kept. */
  readonly bestEpoch: number;
  readonly epochsRun: number;
  readonly stoppedEarly: boolean;
}

/**
 * avg = d avg + (1 - d) p. A function of its own: written inline in the training loop, V8 ran the
 * loop (and the optimiser step next to it) about ten times slower.
 */
function blend(avg: Float64Array, p: Float64Array, d: number): void {
  const c = 1 - d;
  for (let i = 0; i < p.length; i++) avg[i] = d * avg[i] + c * p[i];
}

/**
 * Training rows from which an epoch of fewer `samplesPerEpoch` draws its rows afresh (without
 * replacement, `samplesPerEpoch` random draws) instead of shuffling every row: a shuffle of
 * millions of rows per epoch is random access over all of them and dominated training on
 * megapixel bands. Above every development photograph's row count (retina.jpg's 1.9 million
 * mirrored rows), so their training is unchanged.
 */
export const DRAWN_EPOCH_ROWS = 1 << 21;

/**
 * `count` distinct rows of `n`, uniformly at random, into order[0 .. count): the first `count`
 * steps of a Fisher-Yates shuffle of 0 .. n-1, with the displaced entries in a map, so the cost
 * is O(count) whatever n.
 */
export function drawRows(n: number, count: number, rng: Rng, order: Int32Array): void {
  const moved = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    const pick = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    order[i] = pick;
  }
}

function yieldToEventLoop(): Promise<void> {
  const st = (globalThis as { setTimeout?: (f: () => void, ms: number) => unknown }).setTimeout;
  return new Promise<void>((resolve) => (st ? st(resolve, 0) : resolve()));
}

/**
 * Minibatch training with a seeded shuffle, an optimiser, a learning-rate schedule and early
 * stopping: after each epoch the model is validated; the parameters of the best epoch are kept
 * and restored at the end; training stops after `patience` epochs without a relative improvement
 * of `minImprovement`. Emits one `epoch` progress event per epoch. Checks the abort signal between batches
 * and throws core's AbortError.
 */
export async function train(
  model: Model,
  data: Dataset,
  options: TrainerOptions,
  ctx: TrainContext,
): Promise<TrainResult> {
  throwIfAborted(ctx.signal);
  if (data.n === 0) throw new RangeError("there are no training rows");
  const batchSize = Math.max(1, Math.min(options.batchSize, data.n));
  const perEpoch =
    options.samplesPerEpoch && options.samplesPerEpoch < data.n ? options.samplesPerEpoch : data.n;
  const drawn = perEpoch < data.n && data.n > DRAWN_EPOCH_ROWS;
  const order = new Int32Array(drawn ? perEpoch : data.n);
  if (!drawn) for (let i = 0; i < data.n; i++) order[i] = i;
  const buffer = new BatchBuffer(data, batchSize);
  const opt = createOptimizer(options.optimizer, model.params.length, { momentum: options.momentum });
  const best = Float64Array.from(model.params);
  const decay = options.averaging ?? 0;
  const avg = decay > 0 ? new Float64Array(model.params.length) : undefined;
  const live = decay > 0 ? new Float64Array(model.params.length) : undefined;
  let steps = 0;
  const history: EpochRecord[] = [];
  let bestMetric = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let wait = 0;
  let plateauScale = 1;
  const plateauEpochs = Math.max(1, Math.floor(options.patience / 2));
  const minImprovement = options.minImprovement ?? 0.005;
  let stoppedEarly = false;
  let epoch = 0;
  while (epoch < options.epochs) {
    const lr = plateauScale * scheduledRate(options.schedule, options.learningRate, epoch, options.epochs);
    if (drawn) drawRows(data.n, perEpoch, ctx.rng, order);
    else shuffle(order, ctx.rng);
    let lossSum = 0;
    let rows = 0;
    for (let b0 = 0; b0 < perEpoch; b0 += batchSize) {
      throwIfAborted(ctx.signal);
      const b1 = Math.min(perEpoch, b0 + batchSize);
      const loss = model.lossAndGradient(buffer.fill(order, b0, b1));
      if (!Number.isFinite(loss))
        throw new Error(`training diverged at epoch ${epoch + 1} (loss ${loss}); lower the learning rate`);
      opt.step(model.params, model.grads, lr);
      if (avg) {
        blend(avg, model.params, decay);
        steps++;
      }
      lossSum += loss * (b1 - b0);
      rows += b1 - b0;
    }
    epoch++;
    const trainLoss = lossSum / rows;
    if (avg && live) {
      // Validate (and keep) the averaged parameters; training resumes from the live ones.
      live.set(model.params);
      const correction = 1 / (1 - decay ** steps);
      for (let i = 0; i < avg.length; i++) model.params[i] = avg[i] * correction;
    }
    const v = ctx.validate?.(model);
    const metric = v ? v.metric : trainLoss;
    history.push({ epoch, trainLoss, validLoss: v?.loss, validMetric: v?.metric });
    if (metric < bestMetric - minImprovement * Math.abs(bestMetric) || bestEpoch === 0) {
      bestMetric = metric;
      bestEpoch = epoch;
      best.set(model.params);
      wait = 0;
    } else {
      wait++;
      if (options.schedule === "plateau" && wait % plateauEpochs === 0) plateauScale *= 0.5;
    }
    if (live) model.params.set(live);
    ctx.onProgress?.({
      type: "epoch",
      epoch,
      epochs: options.epochs,
      trainLoss,
      validLoss: v?.loss,
      validMetric: v?.metric,
      metric: v ? ctx.metric : undefined,
    });
    await yieldToEventLoop();
    throwIfAborted(ctx.signal);
    if (v && wait >= options.patience) {
      stoppedEarly = epoch < options.epochs;
      break;
    }
  }
  model.params.set(best);
  return { history, bestEpoch, epochsRun: epoch, stoppedEarly };
}
