import type { Batch, Model } from "./model.js";

/** Largest relative error of one parameter block and where it happened. */
export interface BlockCheck {
  readonly name: string;
  readonly maxRelError: number;
  /** Index within the block of the worst parameter. */
  readonly worst: number;
  readonly analytic: number;
  readonly numeric: number;
}

/**
 * Compares a model's analytic gradient with central differences, parameter by parameter, in
 * float64. The relative error is `|a - n| / max(1e-8, |a| + |n|)`; returns the worst per block.
 * The model's parameters are restored afterwards.
 *
 * @param eps finite-difference step (default 1e-4: the truncation error, of order eps^2, stays
 *   near 1e-8 while the rounding error, of order 1e-16 / eps, stays near 1e-12, so gradients as
 *   small as 1e-5 are still checked to a relative 1e-6; smooth losses are assumed, and a ReLU
 *   kink within eps of a pre-activation would show as a spurious error)
 */
export function gradientCheck(model: Model, batch: Batch, eps = 1e-4): BlockCheck[] {
  model.lossAndGradient(batch);
  const analytic = Float64Array.from(model.grads);
  const p = model.params;
  const out: BlockCheck[] = [];
  for (const blk of model.paramBlocks) {
    let worst = 0;
    let maxRel = 0;
    let worstA = 0;
    let worstN = 0;
    for (let i = 0; i < blk.size; i++) {
      const at = blk.offset + i;
      const saved = p[at];
      p[at] = saved + eps;
      const plus = model.lossAndGradient(batch);
      p[at] = saved - eps;
      const minus = model.lossAndGradient(batch);
      p[at] = saved;
      const num = (plus - minus) / (2 * eps);
      const a = analytic[at];
      const rel = Math.abs(a - num) / Math.max(1e-8, Math.abs(a) + Math.abs(num));
      if (rel > maxRel || i === 0) {
        maxRel = rel;
        worst = i;
        worstA = a;
        worstN = num;
      }
    }
    out.push({ name: blk.name, maxRelError: maxRel, worst, analytic: worstA, numeric: worstN });
  }
  model.lossAndGradient(batch);
  return out;
}
