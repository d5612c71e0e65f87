import type { Batch, Model } from "../model/model.js";
import { adam } from "../model/optimizers.js";
import { argmaxRows } from "../model/softmax.js";
import { createRng } from "../prng.js";

/** A labelled batch for sanity problems. */
export interface LabelledBatch extends Batch {
  readonly labels: Uint8Array;
}

/**
 * XOR on the corners of [-1, 1]^2: label 1 when the signs differ. Not linearly separable, so a
 * model must have a hidden layer to learn it.
 */
export function xorProblem(): { batch: LabelledBatch; dim: number } {
  const x = new Float64Array([-1, -1, -1, 1, 1, -1, 1, 1]);
  return { batch: { x, n: 4, labels: new Uint8Array([0, 1, 1, 0]) }, dim: 2 };
}

/** `n` points of `k` well-separated Gaussian blobs in `dim` dimensions (centres 4 apart), seeded. */
export function separableProblem(
  n: number,
  dim: number,
  k: number,
  seed: number,
): { batch: LabelledBatch; dim: number } {
  const rng = createRng(seed);
  const centres = new Float64Array(k * dim);
  for (let c = 0; c < k; c++) centres[c * dim + (c % dim)] = c < dim ? 4 : -4;
  const x = new Float64Array(n * dim);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    for (let j = 0; j < dim; j++) x[i * dim + j] = centres[c * dim + j] + 0.5 * rng.normal();
  }
  return { batch: { x, n, labels }, dim };
}

/** Full-batch Adam for `steps` steps at learning rate `lr`; returns the last loss. */
export function fitBatch(model: Model, batch: Batch, steps: number, lr: number): number {
  const opt = adam(model.params.length);
  for (let t = 0; t < steps; t++) {
    model.lossAndGradient(batch);
    opt.step(model.params, model.grads, lr);
  }
  return model.lossAndGradient(batch);
}

/** Share of rows whose largest output is the row's label. */
export function labelAccuracy(model: Model, batch: LabelledBatch): number {
  const z = new Float64Array(batch.n * model.outputSize);
  model.forward(batch.x, batch.n, z);
  const pred = new Uint8Array(batch.n);
  argmaxRows(z, batch.n, model.outputSize, pred);
  let ok = 0;
  for (let i = 0; i < batch.n; i++) if (pred[i] === batch.labels[i]) ok++;
  return ok / batch.n;
}
