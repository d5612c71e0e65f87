import type { Batch } from "./model.js";

/**
 * Training rows: `n` rows of `dim` features (row-major) with the targets a loss reads. It is a
 * {@link Batch} of all rows plus its shape.
 */
export interface Dataset extends Batch {
  readonly dim: number;
  /** Values per row of `targets` (0 when there are none). */
  readonly targetSize: number;
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
    const { dim, targetSize, x, labels, targets, weights } = this.data;
    const bx = this.x;
    let b = 0;
    // Element loops rather than set(subarray()): a subarray per row allocates, and rows are short.
    for (let i = from; i < to; i++, b++) {
      const r = order[i];
      const src = r * dim;
      const dst = b * dim;
      for (let j = 0; j < dim; j++) bx[dst + j] = x[src + j];
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
