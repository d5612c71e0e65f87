import type { Config, ParamSchema } from "../params.js";
import { ACTIVATIONS, type Activation } from "./activations.js";
import type { FeatureOptions } from "./features.js";
import type { Mlp } from "./mlp.js";
import { type MlpShape, mlpNetwork } from "./network.js";
import type { Objective } from "./objective.js";
import { OPTIMIZERS, type OptimizerName } from "./optimizers.js";
import { SCHEDULES, type ScheduleName } from "./schedule.js";
import type { TrainerOptions } from "./trainer.js";

/** Defaults of the parameters every model plugin shares; each plugin picks its own. */
export interface ModelDefaults {
  /** Hidden layer widths; `undefined` leaves the network parameters out (a linear model). */
  readonly hidden?: readonly number[];
  readonly activation?: Activation;
  readonly l2: number;
  readonly patchSize: number;
  readonly pca: number;
  readonly localStd: boolean;
  readonly context: readonly number[];
  /** Radii of structure-tensor windows (default none). */
  readonly gradient?: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly momentum: number;
  readonly schedule: ScheduleName;
  readonly patience: number;
  readonly samplesPerEpoch: number;
  readonly averaging: number;
}

/** The shared part of a model plugin's parameter schema, with the plugin's defaults. */
export function modelParamSchema(d: ModelDefaults): ParamSchema {
  const network: ParamSchema = d.hidden
    ? {
        hidden: {
          type: "integer-list",
          default: d.hidden,
          min: 1,
          max: 1024,
          minLength: 1,
          maxLength: 4,
          description: "hidden layer widths, e.g. 64,32",
        },
        activation: {
          type: "enum",
          values: ACTIVATIONS,
          default: d.activation ?? "relu",
          description: "hidden-layer activation",
        },
      }
    : {};
  return {
    ...network,
    l2: {
      type: "number",
      default: d.l2,
      min: 0,
      max: 10,
      description: "L2 penalty l2/2 * sum(w^2) on weights, added to the mean loss",
    },
    patchSize: {
      type: "integer",
      default: d.patchSize,
      min: 1,
      max: 9,
      description: "side of the gray patch around each pixel (odd)",
    },
    pca: {
      type: "integer",
      default: d.pca,
      min: 0,
      max: 81,
      description: "0: raw patch values; p: the patch's first p principal components",
    },
    localStd: {
      type: "boolean",
      default: d.localStd,
      description: "add the patch's standard deviation as a feature",
    },
    context: {
      type: "integer-list",
      default: d.context,
      min: 1,
      max: 256,
      maxLength: 8,
      description: "radii of context windows; each adds the window's gray mean and standard deviation",
    },
    gradient: {
      type: "integer-list",
      default: d.gradient ?? [],
      min: 1,
      max: 256,
      maxLength: 8,
      description:
        "radii of gradient windows; each adds the window's mean structure tensor of the gray: gradient energy and two orientation terms",
    },
    epochs: {
      type: "integer",
      default: d.epochs,
      min: 1,
      max: 10000,
      description: "upper bound on training epochs",
    },
    batchSize: {
      type: "integer",
      default: d.batchSize,
      min: 1,
      max: 65536,
      description: "rows per minibatch",
    },
    optimizer: {
      type: "enum",
      values: OPTIMIZERS,
      default: d.optimizer,
      description: "adam, or sgd with momentum",
    },
    learningRate: {
      type: "number",
      default: d.learningRate,
      min: 0,
      max: 10,
      description: "base learning rate",
    },
    momentum: { type: "number", default: d.momentum, min: 0, max: 0.999, description: "momentum of sgd" },
    schedule: {
      type: "enum",
      values: SCHEDULES,
      default: d.schedule,
      description: "learning-rate schedule over epochs",
    },
    patience: {
      type: "integer",
      default: d.patience,
      min: 1,
      max: 1000,
      description: "epochs without validation improvement before stopping",
    },
    samplesPerEpoch: {
      type: "integer",
      default: d.samplesPerEpoch,
      min: 0,
      max: 100_000_000,
      description: "training pixels drawn per epoch (0: all of them)",
    },
    averaging: {
      type: "number",
      default: d.averaging,
      min: 0,
      max: 0.9999,
      description: "decay of the running average of parameters that is validated and kept (0: off)",
    },
  };
}

/** Features, network and training options of a parsed configuration of {@link modelParamSchema}. */
export interface ModelSpec {
  readonly features: FeatureOptions;
  readonly network: MlpShape;
  readonly training: TrainerOptions;
}

/** Reads {@link ModelSpec} from a configuration parsed with {@link modelParamSchema}'s schema. */
export function modelSpec(config: Config): ModelSpec {
  return {
    features: {
      patchSize: config.patchSize as number,
      pca: config.pca as number,
      localStd: config.localStd as boolean,
      context: config.context as number[],
      // Left out when empty, so configurations without gradient windows describe their features as before.
      ...(((config.gradient as number[] | undefined) ?? []).length > 0
        ? { gradient: config.gradient as number[] }
        : {}),
    },
    network: {
      hidden: (config.hidden as number[] | undefined) ?? [],
      activation: (config.activation as Activation | undefined) ?? "relu",
      l2: config.l2 as number,
    },
    training: {
      epochs: config.epochs as number,
      batchSize: config.batchSize as number,
      optimizer: config.optimizer as OptimizerName,
      learningRate: config.learningRate as number,
      momentum: config.momentum as number,
      schedule: config.schedule as ScheduleName,
      patience: config.patience as number,
      samplesPerEpoch: config.samplesPerEpoch as number,
      averaging: config.averaging as number,
    },
  };
}

/** The network of a spec for `inputSize` features, with the objective's head (untrained, zero parameters). */
export function createNetwork(
  spec: { readonly network: MlpShape },
  inputSize: number,
  objective: Objective,
): Mlp {
  return mlpNetwork(spec.network)(inputSize, objective);
}
