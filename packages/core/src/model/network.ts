import type { Rng } from "../prng.js";
import type { Activation } from "./activations.js";
import { Mlp } from "./mlp.js";
import type { Model } from "./model.js";
import type { Objective } from "./objective.js";

/** A {@link Model} that draws its own initial parameters: what one network's training starts from. */
export interface Network extends Model {
  /** Fresh initial parameters drawn from `rng`. */
  init(rng: Rng): void;
}

/**
 * An untrained network for `inputSize` features per pixel, ending in the objective's head. Model
 * plugins differ here (a fully connected net, a small convolutional one, ...); everything around
 * a network (training rows, ensembles, validation, prediction, snapshots) is shared. Its
 * `forward` and `lossAndGradient` hold all the dense products of training and prediction.
 */
export type NetworkFactory = (inputSize: number, objective: Objective) => Network;

/** Layers of a fully connected network. */
export interface MlpShape {
  /** Hidden layer widths; empty gives a linear model. */
  readonly hidden: readonly number[];
  readonly activation: Activation;
  /** L2 coefficient on weights. */
  readonly l2: number;
}

/** Fully connected networks of one shape (see {@link Mlp}): a {@link NetworkFactory}. */
export function mlpNetwork(shape: MlpShape): (inputSize: number, objective: Objective) => Mlp {
  return (inputSize, objective) =>
    new Mlp({
      inputSize,
      hidden: shape.hidden,
      activation: shape.activation,
      head: objective.head,
      l2: shape.l2,
    });
}
