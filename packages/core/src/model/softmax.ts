import type { Head } from "./mlp.js";
import type { Batch } from "./model.js";

/**
 * Softmax of each row of `z` (`n x k` logits) into `p`, stabilised by subtracting the row max.
 * `temperature` divides the logits first (1 = plain softmax).
 */
export function softmaxRows(z: Float64Array, n: number, k: number, p: Float64Array, temperature = 1): void {
  const inv = 1 / temperature;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) if (z[o + j] > max) max = z[o + j];
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp((z[o + j] - max) * inv);
      p[o + j] = e;
      sum += e;
    }
    for (let j = 0; j < k; j++) p[o + j] /= sum;
  }
}

/** Index of the largest value of each row; ties go to the lower index. */
export function argmaxRows(z: Float64Array, n: number, k: number, out: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let best = 0;
    for (let j = 1; j < k; j++) if (z[o + j] > z[o + best]) best = j;
    out[i] = best;
  }
}

/**
 * Cross-entropy over `k` classes on softmax probabilities. Targets are the batch's `targets`
 * (`n x k` distributions, for soft targets) when present, else its hard `labels`. Row weights,
 * when present, multiply each row's loss; the loss is the mean over rows.
 */
export function softmaxCrossEntropy(k: number): Head {
  let p = new Float64Array(0);
  return {
    size: k,
    loss(z: Float64Array, batch: Batch, dz: Float64Array): number {
      const n = batch.n;
      if (p.length < n * k) p = new Float64Array(n * k);
      softmaxRows(z, n, k, p);
      const { targets, labels, weights } = batch;
      if (!targets && !labels) throw new Error("softmax cross-entropy needs labels or targets");
      const invN = 1 / n;
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const o = i * k;
        const w = weights ? weights[i] : 1;
        const s = w * invN;
        if (targets) {
          for (let j = 0; j < k; j++) {
            const t = targets[o + j];
            // Clamping away from 0 keeps a saturated wrong answer finite (and lets a NaN through).
            if (t > 0) loss -= w * t * Math.log(Math.max(p[o + j], 1e-300));
            dz[o + j] = s * (p[o + j] - t);
          }
        } else {
          const y = labels![i];
          loss -= w * Math.log(Math.max(p[o + y], 1e-300));
          for (let j = 0; j < k; j++) dz[o + j] = s * p[o + j];
          dz[o + y] -= s;
        }
      }
      return loss * invN;
    },
  };
}
