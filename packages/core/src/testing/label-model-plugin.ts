import { defineModelPlugin } from "../model/define-model-plugin.js";
import { labelObjective } from "../model/label-objective.js";
import { type ModelDefaults, modelParamSchema } from "../model/model-params.js";
import type { ParamSchema } from "../params.js";
import type { Plugin } from "../plugin.js";

/**
 * The smallest complete model plugin: core's model agent with the softmax label objective over
 * the palette, for the parameter schema given (build it with `modelParamSchema`, and
 * `ensembleParams` for ensembles). Tests use it to run the conformance kit on a configuration of
 * the shared model machinery.
 */
export function labelModelPlugin(name: string, params: ParamSchema, summary: string): Plugin {
  return defineModelPlugin({
    meta: { name, version: "0.0.0", description: { summary } },
    output: "label",
    params,
    objective: () => (palette, saved) => labelObjective(palette, {}, saved),
  });
}

/**
 * The model parameters of a small, quickly trained network for tests: one hidden layer of 8
 * tanh units, a 3x3 patch and one context window, 20 epochs of Adam; `overrides` change any.
 */
export function smallModelParams(overrides: Partial<ModelDefaults> = {}): ParamSchema {
  return modelParamSchema({
    hidden: [8],
    activation: "tanh",
    l2: 1e-4,
    patchSize: 3,
    pca: 0,
    localStd: false,
    context: [2],
    epochs: 20,
    batchSize: 32,
    optimizer: "adam",
    learningRate: 0.01,
    momentum: 0.9,
    schedule: "constant",
    patience: 5,
    samplesPerEpoch: 0,
    averaging: 0.9,
    ...overrides,
  });
}
