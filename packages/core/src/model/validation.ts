import { colorErrors } from "../metrics/color-error.js";
import type { TrainSet } from "../task.js";
import type { Model } from "./model.js";
import type { Objective, Targets } from "./objective.js";
import type { Validation } from "./trainer.js";
import { columnRows, gatherRows } from "./training-rows.js";

/** Name of the validation metric of model agents. */
export const VALID_METRIC = "mean ΔE2000 on the validation strip";

/**
 * The validation strip of a training band: its last `validationColumns` columns, next to the
 * split, held out of training. Networks are judged on it after every epoch (early stopping) by
 * the mean ΔE2000 of their decoded colours, and the objective calibrates its decoding on it.
 * The strip is a `width x height` grid of its own (row by row), so outputs on it can be smoothed
 * as on any band.
 */
export class ValidationStrip {
  /** Its pixels as indices `y * width + x` of the training band. */
  readonly rows: Int32Array;
  readonly n: number;
  readonly width: number;
  readonly height: number;
  readonly gray: Float64Array;
  readonly truth: Uint8Array;
  /** The objective's targets of the strip's pixels (for the validation loss); none on an empty strip. */
  readonly targets?: Targets;

  constructor(data: TrainSet, objective: Objective) {
    const v = data.validationColumns;
    this.rows = columnRows(data.width, data.height, data.width - v, data.width);
    this.n = this.rows.length;
    this.width = v;
    this.height = data.height;
    this.targets = this.n > 0 ? objective.targets(data, this.rows) : undefined;
    this.gray = gatherRows(data.gray, 1, this.rows);
    this.truth = gatherRows(data.rgb, 3, this.rows);
  }

  /** Mean ΔE2000 of colours guessed for the strip's pixels (lower is better). */
  score(rgb: Uint8Array): number {
    return colorErrors(this.truth, rgb).deltaE2000;
  }

  /** The strip's rows of features of every pixel of the band (`dim` per pixel); none on an empty strip. */
  features(all: Float64Array, dim: number): Float64Array | undefined {
    return this.n > 0 ? gatherRows(all, dim, this.rows) : undefined;
  }

  /**
   * Validation of a network on the strip's features `x`: its loss, and the score of the colours
   * decoded from `judge(outputs)`, which places the network's outputs in the ensemble it joins.
   */
  validator(
    objective: Objective,
    x: Float64Array,
    outputSize: number,
    judge: (z: Float64Array) => Float64Array,
  ): (model: Model) => Validation {
    const n = this.n;
    const z = new Float64Array(n * outputSize);
    const dz = new Float64Array(n * outputSize);
    const rgb = new Uint8Array(n * 3);
    return (model) => {
      model.forward(x, n, z);
      const loss = objective.head.loss(z, { x, n, ...this.targets }, dz);
      objective.decode(judge(z), n, this.gray, rgb);
      return { loss, metric: this.score(rgb) };
    };
  }

  /** Lets the objective tune its decoding on the strip's final outputs, `outputs()`. */
  calibrate(objective: Objective, outputs: () => Float64Array): void {
    if (this.n > 0 && objective.calibrate)
      objective.calibrate(outputs(), this.n, this.gray, (rgb) => this.score(rgb));
  }
}
