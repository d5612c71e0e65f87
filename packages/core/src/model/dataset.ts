import type { Batch } from "./model.js";
import type { Targets } from "./objective.js";

/**
 * Training rows: `n` rows of `dim` features with the targets a loss reads. Features are written
 * when rows are drawn (`features`), so a megapixel band trains without a matrix of every row's
 * features. Row r takes the targets of row `r % targetRows`: a mirrored copy of a pixel shares
 * its targets.
 */
export interface Dataset extends Targets {
  readonly n: number;
  readonly dim: number;
  /** Rows of `labels`, `targets` and `weights` (n, or fewer when rows repeat pixels). */
  readonly targetRows: number;
  /** Writes the features of rows `order[from..to)`, one after another, into `x`. */
  features(order: Int32Array, from: number, to: number, x: Float64Array): void;
}

/** A dataset of rows held in memory: `x` is `n` rows of `dim` features. */
export function denseDataset(x: Float64Array, n: number, dim: number, targets: Targets): Dataset {
  return {
    ...targets,
    n,
    dim,
    targetRows: n,
    features(order, from, to, out) {
      // Element loops rather than set(subarray()): a subarray per row allocates, and rows are short.
      for (let i = from, b = 0; i < to; i++, b++) {
        const src = order[i] * dim;
        for (let j = 0; j < dim; j++) out[b * dim + j] = x[src + j];
      }
    },
  };
}

/** A reusable minibatch buffer filled from a dataset by row indices. */
export class BatchBuffer implements Batch {
  readonly x: Float64Array;
  readonly labels?: Uint8Array;
  readonly targets?: Float64Array;
  readonly weights?: Float64Array;
  n = 0;

  constructor(
    private readonly data: Dataset,
    capacity: number,
  ) {
    this.x = new Float64Array(capacity * data.dim);
    if (data.labels) this.labels = new Uint8Array(capacity);
    if (data.targets) this.targets = new Float64Array(capacity * data.targetSize);
    if (data.weights) this.weights = new Float64Array(capacity);
  }

  /** Copies rows `order[from..to)` of the dataset into the buffer. */
  fill(order: Int32Array, from: number, to: number): this {
    const { targetSize, targetRows, labels, targets, weights } = this.data;
    this.data.features(order, from, to, this.x);
    this.data.prepare?.(order, from, to);
    let b = 0;
    for (let i = from; i < to; i++, b++) {
      const r = order[i] % targetRows;
      if (labels) this.labels![b] = labels[r];
      if (targets) {
        const ts = r * targetSize;
        const td = b * targetSize;
        for (let j = 0; j < targetSize; j++) this.targets![td + j] = targets[ts + j];
      }
      if (weights) this.weights![b] = weights[r];
    }
    this.n = b;
    return this;
  }
}
