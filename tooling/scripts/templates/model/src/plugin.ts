import { defineModelPlugin, modelParamSchema, type Plugin } from "@colorize/core";
import { colourObjective } from "./objective.js";

/** Parameters and defaults: the features, network and training every model plugin shares. */
export const params = modelParamSchema({
  hidden: [32],
  activation: "relu",
  l2: 1e-4,
  patchSize: 3,
  pca: 0,
  localStd: true,
  context: [2, 4, 8],
  epochs: 10,
  batchSize: 256,
  optimizer: "adam",
  learningRate: 2e-3,
  momentum: 0.9,
  schedule: "plateau",
  patience: 3,
  samplesPerEpoch: 20_000,
  averaging: 0.99,
});

/** A small network regressing each pixel's colour from gray features, keeping the pixel's gray. */
export const __camel__Plugin: Plugin = defineModelPlugin({
  meta: {
    name: "@colorize/plugin-__name__",
    // Bump major.minor when defaults or the saved state change meaning: restore then refuses old snapshots.
    version: "0.1.0",
    description: {
      summary: "regresses each pixel's colour from gray features with a small network, keeping its gray",
      output: "a free 8-bit colour per pixel, moved onto the plane of the pixel's known gray",
      model: "fully connected layers (one hidden layer of 32 ReLUs), three sigmoid outputs for r, g and b",
      loss: "half the squared error to the true colour (each channel / 255), plus L2 on weights",
      algorithm:
        "minibatch Adam with seeded shuffling and initialisation, a running average of the parameters, learning rate halved on validation plateaus",
      overfitting:
        "L2 penalty, parameter averaging, and early stopping on mean ΔE2000 of a held-out strip of left-half columns next to the split",
    },
  },
  output: "rgb",
  params,
  // The objective of a configuration, for the task's palette; this one needs neither.
  objective: () => () => colourObjective(),
});
