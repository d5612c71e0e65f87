import { type Kernels, referenceKernels } from "../kernels.js";
import type { Rng } from "../prng.js";
import { type Activation, activate, activationBackward, initScale } from "./activations.js";
import { type Batch, layoutBlocks, type Model, type ParamBlock } from "./model.js";

/**
 * A loss on the network's raw outputs. `loss` returns the batch's mean loss and writes its
 * gradient with respect to the outputs into `dz` (`n * size`).
 */
export interface Head {
  readonly size: number;
  loss(z: Float64Array, batch: Batch, dz: Float64Array): number;
}

/** Shape and loss of a multi-layer perceptron. */
export interface MlpOptions {
  readonly inputSize: number;
  /** Hidden layer widths; empty gives a linear model (e.g. multinomial logistic regression). */
  readonly hidden: readonly number[];
  readonly activation: Activation;
  readonly head: Head;
  /** L2 coefficient on weights (not biases); default 0. */
  readonly l2?: number;
  /** Where the dense products run (default: core's float64 loops). */
  readonly kernels?: Kernels;
}

/** Rows processed per chunk by {@link Mlp.forward}, bounding memory on megapixel bands. */
const FORWARD_CHUNK = 4096;

/**
 * A fully connected network: hidden layers with one activation, a linear output layer, and a
 * {@link Head} that turns outputs into a loss. Parameters are `layerL.weight` (out x in,
 * row-major: row j holds the input weights of unit j) then `layerL.bias` for each layer
 * L = 1, 2, ...
 */
export class Mlp implements Model {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly paramBlocks: readonly ParamBlock[];
  readonly params: Float64Array;
  readonly grads: Float64Array;
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly head: Head;
  /** The kernels that run its products. */
  readonly kernels: Kernels;
  l2: number;
  private capacity = 0;
  private acts: Float64Array[] = [];
  private deltas: Float64Array[] = [];

  constructor(options: MlpOptions) {
    this.inputSize = options.inputSize;
    this.outputSize = options.head.size;
    this.sizes = [options.inputSize, ...options.hidden, options.head.size];
    for (const s of this.sizes) {
      if (!Number.isInteger(s) || s < 1)
        throw new RangeError(`layer sizes must be positive integers, got ${this.sizes.join(", ")}`);
    }
    this.activation = options.activation;
    this.head = options.head;
    this.l2 = options.l2 ?? 0;
    this.kernels = options.kernels ?? referenceKernels();
    const specs: [string, number, boolean][] = [];
    for (let l = 1; l < this.sizes.length; l++) {
      specs.push([`layer${l}.weight`, this.sizes[l - 1] * this.sizes[l], true]);
      specs.push([`layer${l}.bias`, this.sizes[l], false]);
    }
    const { blocks, total } = layoutBlocks(specs);
    this.paramBlocks = blocks;
    this.params = new Float64Array(total);
    this.grads = new Float64Array(total);
  }

  /** Random weights (He or Glorot normal, by activation) and zero biases, drawn from `rng`. */
  init(rng: Rng): void {
    this.params.fill(0);
    for (let l = 1; l < this.sizes.length; l++) {
      const w = this.paramBlocks[2 * (l - 1)];
      const last = l === this.sizes.length - 1;
      const scale = last
        ? Math.sqrt(1 / this.sizes[l - 1])
        : initScale(this.activation, this.sizes[l - 1], this.sizes[l]);
      for (let i = 0; i < w.size; i++) this.params[w.offset + i] = rng.normal() * scale;
    }
  }

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.acts = [new Float64Array(0)];
    this.deltas = [new Float64Array(0)];
    for (let l = 1; l < this.sizes.length; l++) {
      this.acts.push(new Float64Array(n * this.sizes[l]));
      this.deltas.push(new Float64Array(n * this.sizes[l]));
    }
  }

  private forwardRows(x: Float64Array, n: number): Float64Array {
    this.ensure(n);
    const L = this.sizes.length - 1;
    let input = x;
    for (let l = 1; l <= L; l++) {
      const w = this.paramBlocks[2 * (l - 1)];
      const b = this.paramBlocks[2 * (l - 1) + 1];
      const out = this.acts[l];
      const width = this.sizes[l];
      // Z (n x out) = X W^T + b, W stored out x in; ReLU fused where it applies.
      const relu = l < L && this.activation === "relu";
      this.kernels.affine(
        n,
        width,
        this.sizes[l - 1],
        input,
        0,
        this.params,
        w.offset,
        this.params,
        b.offset,
        relu,
        out,
        0,
      );
      if (l < L && !relu) activate(this.activation, out, n * width);
      input = out;
    }
    return input;
  }

  forward(x: Float64Array, n: number, out: Float64Array): void {
    const dIn = this.inputSize;
    const dOut = this.outputSize;
    for (let r0 = 0; r0 < n; r0 += FORWARD_CHUNK) {
      const m = Math.min(FORWARD_CHUNK, n - r0);
      const z = this.forwardRows(x.subarray(r0 * dIn, (r0 + m) * dIn), m);
      out.set(z.subarray(0, m * dOut), r0 * dOut);
    }
  }

  lossAndGradient(batch: Batch): number {
    const n = batch.n;
    const L = this.sizes.length - 1;
    const z = this.forwardRows(batch.x, n);
    const g = this.grads;
    g.fill(0);
    let loss = this.head.loss(z, batch, this.deltas[L]);
    for (let l = L; l >= 1; l--) {
      const w = this.paramBlocks[2 * (l - 1)];
      const b = this.paramBlocks[2 * (l - 1) + 1];
      const input = l === 1 ? batch.x : this.acts[l - 1];
      const d = this.deltas[l];
      const nIn = this.sizes[l - 1];
      const nOut = this.sizes[l];
      for (let i = 0; i < n; i++) for (let j = 0; j < nOut; j++) g[b.offset + j] += d[i * nOut + j];
      // dW (out x in) = D^T X.
      this.kernels.gemm(true, false, nOut, nIn, n, d, 0, input, 0, g, w.offset);
      if (l > 1) {
        // dX (n x in) = D W.
        const dPrev = this.deltas[l - 1];
        this.kernels.gemm(false, false, n, nIn, nOut, d, 0, this.params, w.offset, dPrev, 0);
        activationBackward(this.activation, this.acts[l - 1], dPrev, n * nIn);
      }
    }
    if (this.l2 > 0) loss += addL2(this.paramBlocks, this.params, g, this.l2);
    return loss;
  }
}

/** Adds `l2 * w` to the gradient of every decayed block and returns the penalty `l2 / 2 * sum(w^2)`. */
export function addL2(
  blocks: readonly ParamBlock[],
  params: Float64Array,
  grads: Float64Array,
  l2: number,
): number {
  let sq = 0;
  for (const blk of blocks) {
    if (!blk.decay) continue;
    for (let i = blk.offset, e = blk.offset + blk.size; i < e; i++) {
      const w = params[i];
      sq += w * w;
      grads[i] += l2 * w;
    }
  }
  return 0.5 * l2 * sq;
}
