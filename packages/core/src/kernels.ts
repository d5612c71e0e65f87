import { assignToCentroids } from "./kmeans.js";
import { gemmNT, transpose } from "./model/gemm.js";

/**
 * out[outOff ..] (m x n, row-major) = op(A) op(B), with op(A) m x k and op(B) k x n. A is stored
 * m x k from `aOff` (k x m when `transA`), B k x n from `bOff` (n x k when `transB`). Every
 * output is overwritten with its own sum `0 + a0 b0 + a1 b1 + ...` taken in order of the inner
 * index: a kernel that sums so in float64 gives the reference's bits exactly.
 */
export type Gemm = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  out: Float64Array,
  outOff: number,
) => void;

/**
 * A layer's affine map: out[outOff ..] (m x n) = X W^T + bias, then ReLU (x < 0 becomes 0) when
 * `relu`; X is m x k from `xOff`, W n x k from `wOff` (a layer's weights, out x in), the n biases
 * from `biasOff`. Each output is its product's sum (as {@link Gemm}) plus its bias.
 */
export type Affine = (
  m: number,
  n: number,
  k: number,
  x: Float64Array,
  xOff: number,
  w: Float64Array,
  wOff: number,
  bias: Float64Array,
  biasOff: number,
  relu: boolean,
  out: Float64Array,
  outOff: number,
) => void;

/**
 * Nearest of `k` centroids (`k x 3`) for every RGB point (`n x 3`, n = labels.length), squared
 * Euclidean distance, ties to the lower index, into `labels` and `dist2`; returns how many labels
 * changed. Core's {@link assignToCentroids} is the reference.
 */
export type Assign = (
  points: Float64Array,
  centroids: Float64Array,
  k: number,
  labels: Int32Array,
  dist2: Float64Array,
) => number;

/** The kernels a compute backend supplies. */
export const KERNEL_NAMES = ["gemm", "affine", "assign"] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

/**
 * The dense kernels of a run: networks' products (training and prediction) and k-means'
 * assignment. Core runs without a compute package on {@link referenceKernels}; a runtime hands
 * agents a set chosen per kernel and shape (see `RunContext.kernels`). A set records which
 * backends actually ran each kernel, so results can name them.
 */
export interface Kernels {
  readonly gemm: Gemm;
  readonly affine: Affine;
  readonly assign: Assign;
  /** Backends that ran each kernel so far, in order of first use; a kernel not yet run is absent. */
  used(): Readonly<Partial<Record<KernelName, readonly string[]>>>;
}

/** Records the backends a kernel set ran, in order of first use. */
export class KernelUsage {
  private readonly seen = new Map<KernelName, string[]>();

  /** Notes that `backend` ran `kernel`. */
  note(kernel: KernelName, backend: string): void {
    const list = this.seen.get(kernel);
    if (!list) this.seen.set(kernel, [backend]);
    else if (!list.includes(backend)) list.push(backend);
  }

  /** What {@link Kernels.used} returns. */
  snapshot(): Partial<Record<KernelName, readonly string[]>> {
    return Object.fromEntries([...this.seen].map(([k, v]) => [k, [...v]]));
  }
}

/** Reusable scratch for transposed operands of the plain loops. */
class Scratch {
  private a = new Float64Array(0);
  private b = new Float64Array(0);
  first(size: number): Float64Array {
    if (this.a.length < size) this.a = new Float64Array(size);
    return this.a;
  }
  second(size: number): Float64Array {
    if (this.b.length < size) this.b = new Float64Array(size);
    return this.b;
  }
}

/**
 * The plain float64 loops of {@link gemmNT} for any {@link Gemm} layout: transposed operands are
 * laid out as C = A B^T first (in `scratch`), so the sums are those of gemmNT exactly.
 */
export function gemmReference(scratch = new Scratch()): Gemm {
  return (transA, transB, m, n, k, a, aOff, b, bOff, out, outOff) => {
    let left = a;
    let leftOff = aOff;
    if (transA) {
      left = scratch.first(m * k);
      transpose(a, aOff, k, m, left);
      leftOff = 0;
    }
    let right = b;
    let rightOff = bOff;
    if (!transB) {
      right = scratch.second(n * k);
      transpose(b, bOff, k, n, right);
      rightOff = 0;
    }
    gemmNT(left, leftOff, right, rightOff, m, n, k, out, outOff);
  };
}

/** The plain loops of a layer's forward pass: the product, then each bias added, then ReLU. */
export function affineReference(gemm: Gemm = gemmReference()): Affine {
  return (m, n, k, x, xOff, w, wOff, bias, biasOff, relu, out, outOff) => {
    gemm(false, true, m, n, k, x, xOff, w, wOff, out, outOff);
    for (let i = 0; i < m; i++) {
      const o = outOff + i * n;
      for (let j = 0; j < n; j++) out[o + j] += bias[biasOff + j];
    }
    if (relu) {
      const end = outOff + m * n;
      for (let i = outOff; i < end; i++) if (out[i] < 0) out[i] = 0;
    }
  };
}

/** Core's own kernels: float64 loops (backend "js"), the reference every backend is checked against. */
export function referenceKernels(): Kernels {
  const usage = new KernelUsage();
  const gemm = gemmReference();
  const affine = affineReference(gemmReference());
  return {
    gemm: (...args) => {
      usage.note("gemm", "js");
      gemm(...args);
    },
    affine: (...args) => {
      usage.note("affine", "js");
      affine(...args);
    },
    assign: (...args) => {
      usage.note("assign", "js");
      return assignToCentroids(...args);
    },
    used: () => usage.snapshot(),
  };
}

/**
 * What ran, in one line: the backend's name when every kernel that ran used the same one
 * (e.g. "wasm-simd"), else each kernel's backends ("gemm: wasm-simd, js; assign: js"); "js" when
 * no kernel ran.
 */
export function describeKernels(used: Readonly<Partial<Record<KernelName, readonly string[]>>>): string {
  const entries = KERNEL_NAMES.flatMap((k) => (used[k] ? [[k, used[k]!] as const] : []));
  const all = new Set(entries.flatMap(([, v]) => v));
  if (all.size === 0) return "js";
  if (all.size === 1) return [...all][0];
  return entries.map(([k, v]) => `${k}: ${v.join(", ")}`).join("; ");
}
