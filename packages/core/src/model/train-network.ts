import type { Dataset } from "./dataset.js";
import type { Network } from "./network.js";
import { type TrainContext, type TrainerOptions, type TrainResult, train } from "./trainer.js";

/**
 * What the training of one network needs besides its rows: the run's generator (the initial
 * parameters come from its next fork, the shuffles from the one after), and where its epochs
 * are numbered from.
 */
export interface NetworkTraining extends TrainContext {
  /** Epochs run before this network (by earlier networks of an ensemble): its epochs are numbered on from there. Default 0. */
  readonly epochOffset?: number;
  /** Upper bound on epoch numbers reported in progress events (default offset + options.epochs). */
  readonly epochBound?: number;
}

/**
 * Seeds, initialises and trains one network with early stopping (see {@link train}); the
 * network ends with the parameters of its best epoch. Epochs in progress events, the history
 * and `bestEpoch` are numbered after `epochOffset`, so an ensemble's progress never goes back.
 */
export async function trainNetwork(
  net: Network,
  data: Dataset,
  options: TrainerOptions,
  t: NetworkTraining,
): Promise<TrainResult> {
  const initRng = t.rng.fork();
  const shuffleRng = t.rng.fork();
  net.init(initRng);
  const offset = t.epochOffset ?? 0;
  const bound = t.epochBound ?? offset + options.epochs;
  const onProgress = t.onProgress;
  const result = await train(net, data, options, {
    rng: shuffleRng,
    signal: t.signal,
    onProgress: onProgress
      ? (e) => onProgress(e.type === "epoch" ? { ...e, epoch: offset + e.epoch, epochs: bound } : e)
      : undefined,
    validate: t.validate,
    metric: t.metric,
  });
  return {
    ...result,
    history: result.history.map((h) => ({ ...h, epoch: offset + h.epoch })),
    bestEpoch: offset + result.bestEpoch,
  };
}
