import { type BlockCheck, gradientCheck } from "../model/gradient-check.js";
import type { Batch, Model } from "../model/model.js";

/** What {@link checkGradients} expects of a model's gradient. */
export interface GradientExpectation {
  /** The names of the parameter blocks that must be checked, in order (e.g. ["layer1.weight", ...]). */
  readonly blocks: readonly string[];
  /** Bound on each block's largest relative error (the 1e-6 by default). */
  readonly rtol?: number;
  /** Finite-difference step (gradientCheck's default when omitted). */
  readonly h?: number;
}

/**
 * Runs core's finite-difference {@link gradientCheck} and fails unless it really checked
 * something: exactly the expected parameter blocks, in order, each of at least one parameter,
 * laid end to end over every parameter of the model (so none goes unchecked), and each within
 * `rtol`. A check over no blocks, an empty block or a block left out throws. Returns the checks.
 * @throws Error naming the first expectation that does not hold
 */
export function checkGradients(model: Model, batch: Batch, expect: GradientExpectation): BlockCheck[] {
  const rtol = expect.rtol ?? 1e-6;
  const names = model.paramBlocks.map((b) => b.name);
  if (names.join("\n") !== expect.blocks.join("\n")) {
    throw new Error(
      `the model has parameter blocks [${names.join(", ")}], expected [${expect.blocks.join(", ")}]`,
    );
  }
  let offset = 0;
  for (const b of model.paramBlocks) {
    if (b.size < 1) throw new Error(`parameter block ${b.name} is empty`);
    if (b.offset !== offset)
      throw new Error(`parameter block ${b.name} starts at ${b.offset}, not ${offset}`);
    offset += b.size;
  }
  if (offset !== model.params.length) {
    throw new Error(`the parameter blocks cover ${offset} of ${model.params.length} parameters`);
  }
  const checks = gradientCheck(model, batch, expect.h);
  if (checks.length !== expect.blocks.length) {
    throw new Error(`the gradient check covered ${checks.length} blocks, expected ${expect.blocks.length}`);
  }
  for (const c of checks) {
    if (!(c.maxRelError >= 0 && c.maxRelError < rtol)) {
      throw new Error(
        `${c.name}: relative error ${c.maxRelError} at ${c.worst} (analytic ${c.analytic}, numeric ${c.numeric}) is not below ${rtol}`,
      );
    }
  }
  return checks;
}

/** The block names of a multi-layer network of `layers` layers: weight and bias of each, in order. */
export function layerBlocks(layers: number): string[] {
  const out: string[] = [];
  for (let l = 1; l <= layers; l++) out.push(`layer${l}.weight`, `layer${l}.bias`);
  return out;
}
