import {
  agentFactory,
  type Config,
  definePlugin,
  LABEL_DECODINGS,
  type LabelDecoding,
  labelObjective,
  type ModelAgentState,
  modelAgent,
  modelParamSchema,
  modelSpec,
  type Plugin,
} from "@colorize/core";

const NAME = "@colorize/plugin-softmax-mlp";
const VERSION = "0.1.0";

/** Parameters and defaults: the shared model parameters plus the options of Zhang, Isola & Efros (2016). */
export const params = {
  ...modelParamSchema({
    hidden: [64],
    activation: "relu",
    l2: 1e-4,
    patchSize: 3,
    pca: 0,
    localStd: true,
    context: [2, 4, 8, 16],
    epochs: 10,
    batchSize: 128,
    optimizer: "adam",
    learningRate: 1e-3,
    momentum: 0.9,
    schedule: "plateau",
    patience: 3,
    samplesPerEpoch: 60_000,
    averaging: 0.99,
  }),
  softTargets: {
    type: "number",
    default: 5,
    min: 0,
    max: 100,
    description: "sigma (CIELAB units) of soft targets over the 5 nearest palette colours; 0: hard labels",
  },
  rebalance: {
    type: "boolean",
    default: false,
    description: "weigh rare palette colours up (Zhang et al. 2016, lambda 0.5)",
  },
  decoding: {
    type: "enum",
    values: LABEL_DECODINGS,
    default: "annealed-mean",
    description:
      "mode: most probable palette colour; annealed-mean: tempered mean colour on the pixel's gray",
  },
  temperature: {
    type: "number",
    default: 0,
    min: 0,
    max: 10,
    description: "annealed-mean temperature (0.38 in Zhang et al.); 0 chooses it on the validation strip",
  },
} as const;

function agentOf(config: Config, state?: ModelAgentState) {
  const options = {
    softTargets: config.softTargets as number,
    rebalance: config.rebalance as boolean,
    decoding: config.decoding as LabelDecoding,
    temperature: config.temperature as number,
  };
  return modelAgent(
    {
      plugin: NAME,
      version: VERSION,
      config,
      ...modelSpec(config),
      objective: (palette, saved) => labelObjective(palette, options, saved),
    },
    state,
  );
}

/** A multi-layer perceptron classifying each pixel into a palette colour. */
export const softmaxMlpPlugin: Plugin = definePlugin({
  meta: {
    name: NAME,
    version: VERSION,
    kind: "model",
    description: {
      summary: "softmax-classification MLP over the palette colours, decoded by an annealed mean",
      input:
        "standardised gray features of each pixel: its 3x3 patch, the patch's spread, and gray mean and spread in windows of radius 2, 4, 8, 16",
      output:
        "the most probable palette label per pixel; its colour is the annealed mean of the palette colours (temperature chosen on the validation strip) moved onto the pixel's gray",
      model: "fully connected layers (one hidden layer of 64 ReLUs), softmax over the k palette colours",
      loss: "mean cross-entropy against soft targets over the 5 nearest palette colours (Gaussian, sigma 5 in CIELAB), plus L2 on weights",
      algorithm:
        "minibatch Adam with seeded shuffling and initialisation, a running average of the parameters, learning rate halved on validation plateaus",
      preprocessing:
        "features standardised with means and deviations of the left half; palette from k-means on the left half",
      overfitting:
        "L2 penalty, parameter averaging, and early stopping on mean ΔE2000 of a held-out strip of left-half columns next to the split",
    },
  },
  capabilities: { output: "label", backends: ["js"], gradients: true, iterative: true },
  params,
  ...agentFactory<ModelAgentState>(NAME, params, agentOf, VERSION),
});
