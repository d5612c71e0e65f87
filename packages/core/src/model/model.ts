/**
 * A named slice of a model's flat parameter vector, e.g. the weight matrix of one layer.
 * `decay` says whether L2 regularisation applies to it (weights yes, biases no).
 */
export interface ParamBlock {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  readonly decay: boolean;
}

/**
 * A minibatch: `n` rows of `inputSize` features plus whatever the model's loss reads. Rows are
 * row-major: feature j of row i is `x[i * inputSize + j]`.
 */
export interface Batch {
  readonly x: Float64Array;
  readonly n: number;
  /** Class index per row, for classification losses. */
  readonly labels?: Uint8Array;
  /** `n * targetSize` target values per row (soft class targets, colour coordinates, ...). */
  readonly targets?: Float64Array;
  /** Weight per row; the loss is the mean of weight x row loss. Absent means 1 for every row. */
  readonly weights?: Float64Array;
}

/**
 * A differentiable model with flat parameters. Every model exposes its parameters and gradients
 * as one Float64Array each, cut into {@link ParamBlock}s, so one finite-difference checker and one
 * set of optimisers serve every model.
 */
export interface Model {
  readonly inputSize: number;
  /** Outputs per row of {@link Model.forward}. */
  readonly outputSize: number;
  readonly paramBlocks: readonly ParamBlock[];
  /** All parameters, blocks laid end to end. Optimisers update it in place. */
  readonly params: Float64Array;
  /** Gradient of the last {@link Model.lossAndGradient} call, same layout as `params`. */
  readonly grads: Float64Array;
  /** Raw outputs (e.g. logits) of `n` rows into `out` (`n * outputSize`). */
  forward(x: Float64Array, n: number, out: Float64Array): void;
  /**
   * Mean loss over the batch plus the L2 penalty `l2 / 2 * sum(w^2)` over decayed blocks;
   * overwrites `grads` with its gradient.
   */
  lossAndGradient(batch: Batch): number;
}

/** Lays out blocks end to end from `[name, size, decay]` triples; returns them and the total size. */
export function layoutBlocks(specs: readonly (readonly [string, number, boolean])[]): {
  blocks: ParamBlock[];
  total: number;
} {
  const blocks: ParamBlock[] = [];
  let offset = 0;
  for (const [name, size, decay] of specs) {
    blocks.push({ name, offset, size, decay });
    offset += size;
  }
  return { blocks, total: offset };
}
