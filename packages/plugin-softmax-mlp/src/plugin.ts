import { denseBackendNames, denseKernels } from "@colorize/compute";
import {
  type Config,
  defineModelPlugin,
  ensembleParams,
  LABEL_DECODINGS,
  type LabelDecoding,
  type LabelObjectiveOptions,
  labelObjective,
  modelParamSchema,
  type Plugin,
} from "@colorize/core";

/**
 * Parameters and defaults: the shared model parameters plus the options of Zhang, Isola & Efros (2016);
 * once the strip has judged it (and chosen the temperature), the network trains 2 more epochs on the
 * training columns and the strip together (chosen over 76 photographs, see docs/learned-agents.md).
 */
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
  ...ensembleParams({ stripEpochs: 2 }),
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

function labelOptions(config: Config): LabelObjectiveOptions {
  return {
    softTargets: config.softTargets as number,
    rebalance: config.rebalance as boolean,
    decoding: config.decoding as LabelDecoding,
    temperature: config.temperature as number,
  };
}

/** A multi-layer perceptron classifying each pixel into a palette colour. */
export const softmaxMlpPlugin: Plugin = defineModelPlugin({
  meta: {
    name: "@colorize/plugin-softmax-mlp",
    version: "0.2.0",
    description: {
      summary: "softmax-classification MLP over the palette colours, decoded by an annealed mean",
      output:
        "the most probable palette label per pixel; its colour is the annealed mean of the palette colours (temperature chosen on the validation strip) moved onto the pixel's gray",
      model: "fully connected layers (one hidden layer of 64 ReLUs), softmax over the k palette colours",
      loss: "mean cross-entropy against soft targets over the 5 nearest palette colours (Gaussian, sigma 5 in CIELAB), plus L2 on weights",
      algorithm:
        "minibatch Adam with seeded shuffling and initialisation, a running average of the parameters, learning rate halved on validation plateaus, then 2 more epochs at a quarter of the learning rate on the training columns and the validation strip together",
      overfitting:
        "L2 penalty, parameter averaging, and early stopping on mean ΔE2000 of a held-out strip of left-half columns next to the split (trained on only after every choice made on it)",
    },
  },
  output: "label",
  // The run's --backend picks where the dense products run (compute's registry).
  kernels: denseKernels,
  backends: denseBackendNames(),
  params,
  objective: (config) => {
    const options = labelOptions(config);
    return (palette, saved) => labelObjective(palette, options, saved);
  },
});
