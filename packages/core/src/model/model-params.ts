import type { Config, ParamSchema } from "../params.js";
import { ACTIVATIONS, type Activation } from "./activations.js";
import type { FeatureOptions } from "./features.js";
import { Mlp } from "./mlp.js";
import type { Objective } from "./objective.js";
import { OPTIMIZERS, type OptimizerName } from "./optimizers.js";
import { SCHEDULES, type ScheduleName } from "./schedule.js";
import type { TrainerOptions } from "./trainer.js";

/** Which members of an ensemble see the pixel's row: `off`, `half` (the later half of them) or `all`. */
export const ROW_MEMBERS = ["off", "half", "all"] as const;
export type RowMembers = (typeof ROW_MEMBERS)[number];

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
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly momentum: number;
  readonly schedule: ScheduleName;
  readonly patience: number;
  readonly samplesPerEpoch: number;
  readonly averaging: number;
  /** Also train on the mirror image of the training columns (default false). */
  readonly mirror?: boolean;
  /** Gaussian sigma (pixels) of the smoothing of raw outputs before decoding; 0 (default) is off. */
  readonly smoothing?: number;
  /** Networks of the ensemble (default 1). */
  readonly members?: number;
  /** Which members see the pixel's row (default off). */
  readonly row?: RowMembers;
  /** Shrinkage of the members' average towards 0 where they disagree (default 0: off). */
  readonly shrink?: number;
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
    mirror: {
      type: "boolean",
      default: d.mirror ?? false,
      description:
        "also train on the left-right mirror image of the training columns (same colours, flipped patches)",
    },
    smoothing: {
      type: "number",
      default: d.smoothing ?? 0,
      min: 0,
      max: 8,
      description: "sigma in pixels of a Gaussian blur of the model's outputs before decoding (0: off)",
    },
    members: {
      type: "integer",
      default: d.members ?? 1,
      min: 1,
      max: 16,
      description: "networks trained with their own seeds whose outputs are averaged",
    },
    row: {
      type: "enum",
      values: ROW_MEMBERS,
      default: d.row ?? "off",
      description: "members that also see the pixel's row (0 top, 1 bottom): off, half (the later half), all",
    },
    shrink: {
      type: "number",
      default: d.shrink ?? 0,
      min: 0,
      max: 16,
      description:
        "lambda: each pixel's averaged output times max(0, 1 - lambda * members' variance / mean^2) (0: plain average)",
    },
  };
}

/** Features, network and training options of a parsed configuration of {@link modelParamSchema}. */
export interface ModelSpec {
  readonly features: FeatureOptions;
  readonly network: {
    readonly hidden: readonly number[];
    readonly activation: Activation;
    readonly l2: number;
  };
  readonly training: TrainerOptions;
  /** Adds the left-right mirror image of every training pixel's features to the training rows. */
  readonly mirror: boolean;
  /** Gaussian sigma (pixels) of the blur of raw outputs before decoding; 0 is off. */
  readonly smoothing: number;
  readonly members: number;
  readonly row: RowMembers;
  readonly shrink: number;
}

/** Reads {@link ModelSpec} from a configuration parsed with {@link modelParamSchema}'s schema. */
export function modelSpec(config: Config): ModelSpec {
  return {
    features: {
      patchSize: config.patchSize as number,
      pca: config.pca as number,
      localStd: config.localStd as boolean,
      context: config.context as number[],
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
    mirror: (config.mirror as boolean | undefined) ?? false,
    smoothing: (config.smoothing as number | undefined) ?? 0,
    members: (config.members as number | undefined) ?? 1,
    row: (config.row as RowMembers | undefined) ?? "off",
    shrink: (config.shrink as number | undefined) ?? 0,
  };
}

/** The network of a spec for `inputSize` features, with the objective's head (untrained, zero parameters). */
export function createNetwork(
  spec: Pick<ModelSpec, "network">,
  inputSize: number,
  objective: Objective,
): Mlp {
  return new Mlp({
    inputSize,
    hidden: spec.network.hidden,
    activation: spec.network.activation,
    head: objective.head,
    l2: spec.network.l2,
  });
}
