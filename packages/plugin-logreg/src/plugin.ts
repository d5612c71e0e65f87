import { denseBackendNames, denseKernels } from "@colorize/compute";
import {
  defineModelPlugin,
  ensembleParams,
  labelObjective,
  modelParamSchema,
  type Plugin,
} from "@colorize/core";

/**
 * Parameters and defaults: no hidden layer; features and training as for every model plugin, then,
 * once the strip has judged the model, 2 more epochs on the training columns and the strip together
 * (chosen over 76 photographs, see docs/learned-agents.md).
 */
export const params = {
  ...modelParamSchema({
    l2: 1e-4,
    patchSize: 3,
    pca: 0,
    localStd: true,
    context: [2, 4, 8, 16],
    epochs: 30,
    batchSize: 256,
    optimizer: "adam",
    learningRate: 0.01,
    momentum: 0.9,
    schedule: "plateau",
    patience: 4,
    samplesPerEpoch: 60_000,
    averaging: 0.99,
  }),
  ...ensembleParams({ stripEpochs: 2 }),
};

/** Multinomial logistic regression over the palette colours, on standardised gray features. */
export const logregPlugin: Plugin = defineModelPlugin({
  meta: {
    name: "@colorize/plugin-logreg",
    version: "0.2.0",
    description: {
      summary: "multinomial logistic regression: softmax over the palette colours from gray features, L2",
      output: "one of the k palette colours per pixel (the most probable)",
      model: "one linear layer, features x k weights plus k biases, then softmax",
      loss: "mean cross-entropy against the palette label of each training pixel, plus L2 on the weights",
      algorithm:
        "minibatch Adam with seeded shuffling, a running average of the parameters, learning rate halved on validation plateaus, then 2 more epochs at a quarter of the learning rate on the training columns and the validation strip together",
      overfitting:
        "L2 penalty, and early stopping on mean ΔE2000 of a held-out strip of left-half columns next to the split (trained on only after every choice made on it)",
    },
  },
  output: "label",
  // The run's --backend picks where the dense products run (compute's registry).
  kernels: denseKernels,
  backends: denseBackendNames(),
  params,
  objective: () => (palette, saved) => labelObjective(palette, {}, saved),
});
