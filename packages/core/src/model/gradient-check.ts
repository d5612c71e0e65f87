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
 * float64. Each numeric derivative combines central differences at steps h and h/2 by Richardson
 * extrapolation, (4 D(h/2) - D(h)) / 3, whose error is of order h^4: plain central differences
 * cannot check a gradient of 1e-4 to a relative 1e-6 in float64, as their truncation error
 * (order h^2) and rounding error (order 1e-16 / h) cannot both be made small enough. The relative
 * error is `|a - n| / max(1e-8, |a| + |n|)`; returns the worst per block. The model's parameters
 * are restored afterwards. Losses are assumed smooth within h of the point: a ReLU whose
 * pre-activation lies within h of 0 shows as a spurious error.
 *
 * @param h finite-difference step (default 1e-3)
 */
export function gradientCheck(model: Model, batch: Batch, h = 1e-3): BlockCheck[] {
  model.lossAndGradient(batch);
  const analytic = Float64Array.from(model.grads);
  const p = model.params;
  const central = (at: number, step: number): number => {
    const saved = p[at];
    p[at] = saved + step;
    const plus = model.lossAndGradient(batch);
    p[at] = saved - step;
    const minus = model.lossAndGradient(batch);
    p[at] = saved;
    return (plus - minus) / (2 * step);
  };
  const out: BlockCheck[] = [];
  for (const blk of model.paramBlocks) {
    let worst = 0;
    let maxRel = -1;
    let worstA = 0;
    let worstN = 0;
    for (let i = 0; i < blk.size; i++) {
      const at = blk.offset + i;
      const num = (4 * central(at, h / 2) - central(at, h)) / 3;
      const a = analytic[at];
      const rel = Math.abs(a - num) / Math.max(1e-8, Math.abs(a) + Math.abs(num));
      if (rel > maxRel) {
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
