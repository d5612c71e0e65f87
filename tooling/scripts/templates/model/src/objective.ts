import {
  type Batch,
  type Head,
  type Objective,
  onGrayPlane,
  type Targets,
  type TrainSet,
} from "@colorize/core";

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * The loss on the network's three outputs z per row: half the squared error between sigmoid(z)
 * and the true colour / 255, weighted, averaged over the rows. `loss` returns that mean and
 * writes its gradient with respect to z into `dz`; plugin.test.ts checks it against finite
 * differences.
 */
export const colourHead: Head = {
  size: 3,
  loss(z: Float64Array, batch: Batch, dz: Float64Array): number {
    const { n, targets, weights } = batch;
    if (!targets) throw new Error("the colour loss needs targets");
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i] : 1;
      for (let j = 0; j < 3; j++) {
        const o = 3 * i + j;
        const y = sigmoid(z[o]);
        const e = y - targets[o];
        total += 0.5 * w * e * e;
        dz[o] = ((w * e) / n) * y * (1 - y);
      }
    }
    return total / n;
  },
};

/**
 * What the model learns and how its outputs become colours: the targets are each training
 * pixel's true colour / 255; decoding scales sigmoid(z) to 0..255 and moves the colour onto the
 * plane of the pixel's known gray (0.21 r + 0.72 g + 0.07 b = gray).
 */
export function colourObjective(): Objective {
  return {
    output: "rgb",
    head: colourHead,
    targets(train: TrainSet, rows: Int32Array): Targets {
      const t = new Float64Array(rows.length * 3);
      for (let i = 0; i < rows.length; i++) {
        for (let j = 0; j < 3; j++) t[3 * i + j] = train.rgb[3 * rows[i] + j] / 255;
      }
      return { targets: t, targetSize: 3 };
    },
    decode(z, n, gray, rgb) {
      for (let i = 0; i < n; i++) {
        const o = 3 * i;
        onGrayPlane(255 * sigmoid(z[o]), 255 * sigmoid(z[o + 1]), 255 * sigmoid(z[o + 2]), gray[i], rgb, o);
      }
    },
  };
}
