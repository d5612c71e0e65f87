import {
  agentFactory,
  type Config,
  definePlugin,
  labelObjective,
  type ModelAgentState,
  modelAgent,
  modelParamSchema,
  modelSpec,
  type Plugin,
} from "@colorize/core";

const NAME = "@colorize/plugin-logreg";
const VERSION = "0.1.0";

/** Parameters and defaults: no hidden layer; features and training as for every model plugin. */
export const params = modelParamSchema({
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
});

function agentOf(config: Config, state?: ModelAgentState) {
  return modelAgent(
    {
      plugin: NAME,
      version: VERSION,
      config,
      ...modelSpec(config),
      objective: (palette, saved) => labelObjective(palette, {}, saved),
    },
    state,
  );
}

/** Multinomial logistic regression over the palette colours, on standardised gray features. */
export const logregPlugin: Plugin = definePlugin({
  meta: {
    name: NAME,
    version: VERSION,
    kind: "model",
    description: {
      summary: "multinomial logistic regression: softmax over the palette colours from gray features, L2",
      input:
        "standardised gray features of each pixel: its 3x3 patch, the patch's spread, and gray mean and spread in windows of radius 2, 4, 8, 16",
      output: "one of the k palette colours per pixel (the most probable)",
      model: "one linear layer, features x k weights plus k biases, then softmax",
      loss: "mean cross-entropy against the palette label of each training pixel, plus L2 on the weights",
      algorithm:
        "minibatch Adam with seeded shuffling, a running average of the parameters, learning rate halved on validation plateaus",
      preprocessing:
        "features standardised with means and deviations of the left half; palette from k-means on the left half",
      overfitting:
        "L2 penalty, and early stopping on mean ΔE2000 of a held-out strip of left-half columns next to the split",
    },
  },
  capabilities: { output: "label", backends: ["js"], gradients: true, iterative: true },
  params,
  ...agentFactory<ModelAgentState>(NAME, params, agentOf, VERSION),
});
