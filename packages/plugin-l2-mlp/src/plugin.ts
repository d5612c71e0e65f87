import { denseBackendNames, denseKernels } from "@colorize/compute";
import {
  type Config,
  defineModelPlugin,
  ensembleParams,
  modelParamSchema,
  type Plugin,
  type RgbObjectiveOptions,
  rgbObjective,
  rgbObjectiveConfig,
  rgbObjectiveParams,
} from "@colorize/core";

/**
 * Parameters and defaults: rgb-mlp 0.10.0's features, networks, training and refinements, with the
 * squared RGB error as the loss instead of CIEDE2000: each network predicts the conditional mean
 * colour, as scikit-learn's MLPRegressor does, where rgb-mlp's loss follows the colour difference a
 * viewer sees. The two losses fail on different photographs (docs/learned-agents.md), so the
 * comparison runs both. The novelty threshold, the shrinkage, the blur, the guided filter and the
 * number of networks were checked for this loss over 60 photographs and kept (docs/learned-agents.md).
 */
export const params = {
  ...modelParamSchema({
    hidden: [48, 24],
    activation: "relu",
    l2: 1e-4,
    patchSize: 3,
    pca: 0,
    localStd: true,
    context: [2, 4, 8],
    gradient: [2, 6],
    epochs: 10,
    batchSize: 256,
    optimizer: "adam",
    learningRate: 2e-3,
    momentum: 0.9,
    schedule: "plateau",
    patience: 3,
    samplesPerEpoch: 80_000,
    averaging: 0.99,
  }),
  ...ensembleParams({
    mirror: true,
    flip: true,
    smoothing: 0.75,
    members: 2,
    row: "half",
    shrink: 1,
    novelty: 8,
    noveltyPower: 0.5,
    noveltyFloor: 0.004,
    guided: { radius: 4, epsilon: 4 },
    stripEpochs: 2,
  }),
  ...rgbObjectiveParams(["l2"]),
} as const;

/** The objective options of a configuration: always the squared-error loss. */
export function objectiveOptions(config: Config): RgbObjectiveOptions {
  return rgbObjectiveConfig(config, "l2");
}

/** A multi-layer perceptron regressing each pixel's mean colour (squared error) from gray features. */
export const l2MlpPlugin: Plugin = defineModelPlugin({
  meta: {
    name: "@colorize/plugin-l2-mlp",
    version: "0.1.0",
    description: {
      summary:
        "RGB-regression MLP with the squared-error loss: each pixel's mean colour, keeping its known gray exactly",
      output:
        "a free 8-bit colour per pixel with 0.21 r + 0.72 g + 0.07 b equal to the pixel's gray (to rounding)",
      model:
        "an ensemble of 2 networks, each with fully connected layers of 48 and 24 ReLUs predicting two chroma coordinates in the gray-preserving plane of RGB",
      loss: "half the squared RGB error to the true colour (its minimiser is the conditional mean colour), plus L2 on weights",
      algorithm:
        "minibatch Adam with seeded shuffling and initialisation, a running average of the parameters, learning rate halved on validation plateaus; the networks are trained in turn, each on the training columns and their mirror image, then each 2 more epochs at a quarter of the learning rate on the training columns and the validation strip together (and their mirror image)",
      preprocessing:
        "features standardised with means and deviations of the left half; each network's chroma is the mean of its chroma on the band and on its mirror image, blurred (sigma 0.75 pixels); the networks' chroma is averaged, shrunk towards gray where they disagree, filtered by a guided filter with the gray as guide (radius 4, ε 4 gray levels squared), added to the gray and scaled back into the RGB cube",
      overfitting:
        "L2 penalty, parameter averaging, mirrored training data, an ensemble whose disagreement takes colour away, and early stopping on mean ΔE2000 of a held-out strip of left-half columns next to the split (trained on only after every choice made on it)",
    },
  },
  output: "rgb",
  // The run's --backend picks where the dense products run (compute's registry).
  kernels: denseKernels,
  backends: denseBackendNames(),
  params,
  objective: (config) => {
    const options = objectiveOptions(config);
    return (_palette, saved) => rgbObjective(options, saved);
  },
});
