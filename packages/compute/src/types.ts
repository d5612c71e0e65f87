/** Element-wise operations: binary ones take `a` and `b` of equal length; `scale` takes `scalar`. */
export type ElementwiseOp = "add" | "sub" | "mul" | "scale" | "relu" | "sigmoid" | "tanh";

/** Options of a matrix product C = op(A) op(B), C being m x n. */
export interface MatmulOptions {
  /** A is stored k x m (row-major) and used transposed. Default false (stored m x k). */
  readonly transposeA?: boolean;
  /** B is stored n x k (row-major) and used transposed. Default false (stored k x n). */
  readonly transposeB?: boolean;
}

/** Numbers, as float64 or float32 typed arrays, flat and row-major. */
export type Numeric = Float64Array | Float32Array;

/** Rows for the k-NN kernel: integer rows (such as gray x 100 patches) are accepted too. */
export type Rows = Numeric | Int32Array;

/** Every kernel's answer names the backend that computed it. */
export interface Computed<T> {
  readonly data: T;
  /** e.g. "js", "gpu.js:webasm"; a fallback says so: "js (gpu.js:webasm failed: ...)". */
  readonly backend: string;
}

/** A compute backend: the same kernels, each with a plain TypeScript reference in `reference.ts`. */
export interface Compute {
  /** Registry name, e.g. "js", "gpu.js:webasm". */
  readonly name: string;
  /** Arithmetic the kernels run in: "float64" (js) or "float32" (gpu.js). */
  readonly precision: "float64" | "float32";
  /** C (m x n) = op(A) op(B) with inner dimension k; see {@link MatmulOptions}. */
  matmul(
    a: Numeric,
    b: Numeric,
    m: number,
    k: number,
    n: number,
    options?: MatmulOptions,
  ): Promise<Computed<Numeric>>;
  /** Element-wise op of `a` (and `b`, or `scalar` for "scale"). */
  elementwise(op: ElementwiseOp, a: Numeric, b?: Numeric, scalar?: number): Promise<Computed<Numeric>>;
  /**
   * Nearest centroid of each RGB point (`points` n x 3, `centroids` k x 3), squared Euclidean,
   * ties to the lower centroid: core's `assignToCentroids` step.
   */
  assign(
    points: Numeric,
    centroids: Numeric,
    k: number,
  ): Promise<Computed<{ labels: Int32Array; dist2: Float64Array }>>;
  /**
   * Brute-force k nearest training rows of every test row (`dim` values each), ordered by
   * distance then index. `dist2` is recomputed exactly in float64 from the chosen indices.
   */
  knn(
    train: Rows,
    test: Rows,
    dim: number,
    k: number,
  ): Promise<Computed<{ k: number; indices: Int32Array; dist2: Float64Array }>>;
  /** Releases compiled kernels. */
  dispose(): void;
}
