import { createRequire } from "node:module";
import { createJsBackend } from "./js-backend.js";
import { neighbourDistances } from "./reference.js";
import type { Compute, Computed, ElementwiseOp, MatmulOptions, Numeric, Rows } from "./types.js";

/** The part of gpu.js used here (its own typings are loose about modes and async kernels). */
interface GpuKernel {
  (...args: unknown[]): unknown;
  setOutput(output: number[]): GpuKernel;
  destroy?(): void;
}
interface GpuInstance {
  readonly mode: string;
  createKernel(fn: (...args: never[]) => number, settings: Record<string, unknown>): GpuKernel;
  destroy(): void;
}
interface GpuModule {
  GPU: (new (settings: {
    mode: string;
  }) => GpuInstance) & {
    readonly isHeadlessGLSupported: boolean;
    readonly isWebAssemblySupported: boolean;
    readonly isWebGPUSupported: boolean;
  };
}

let loaded: { module?: GpuModule; error?: string } | undefined;

/** Loads gpu.js once; the error is kept as the reason its backends are unavailable. */
export function loadGpuJs(): { module?: GpuModule; error?: string } {
  if (!loaded) {
    try {
      loaded = { module: createRequire(import.meta.url)("gpu.js") as GpuModule };
    } catch (e) {
      loaded = { error: `gpu.js did not load: ${(e as Error).message.split("\n")[0]}` };
    }
  }
  return loaded;
}

/** gpu.js modes offered, best first; each becomes backend "gpu.js:<mode>". */
export const GPUJS_MODES = ["headlessgl", "webasm", "cpu"] as const;
export type GpuJsMode = (typeof GPUJS_MODES)[number];

/** Why a gpu.js mode cannot run here, or undefined when it can. Cheap: no kernel is compiled. */
export function gpuJsUnavailable(mode: GpuJsMode): string | undefined {
  const { module, error } = loadGpuJs();
  if (!module) return error;
  if (mode === "headlessgl" && !module.GPU.isHeadlessGLSupported)
    return "headless-gl did not load (the gl native module is not built)";
  if (mode === "webasm" && !module.GPU.isWebAssemblySupported)
    return "WebAssembly is not supported by this runtime";
  return undefined;
}

const f32 = (a: Rows): Float32Array => (a instanceof Float32Array ? a : Float32Array.from(a));

/** The transpose of a rows x cols matrix, as float32. */
function transpose32(a: Numeric, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}

// Kernel sources. gpu.js parses these functions, so they use only its kernel subset.
// One matmul kernel per shape: a constant inner bound lets gpu.js unroll and vectorise the loop
// (measured: about 2.4x faster than a dynamic bound at 512³ on the webasm backend).
function matmulKernel(
  this: { thread: { x: number; y: number }; constants: { K: number } },
  a: number[][],
  b: number[][],
): number {
  let s = 0;
  for (let t = 0; t < this.constants.K; t++) s += a[this.thread.y][t] * b[t][this.thread.x];
  return s;
}

/** Rows of a row-major matrix as subarray views (gpu.js's 2D argument form, without copying). */
function rowsOf(a: Float32Array, rows: number, cols: number): Float32Array[] {
  const out: Float32Array[] = new Array(rows);
  for (let r = 0; r < rows; r++) out[r] = a.subarray(r * cols, (r + 1) * cols);
  return out;
}
function binary(this: { thread: { x: number } }, a: number[], b: number[], op: number): number {
  const x = a[this.thread.x];
  const y = b[this.thread.x];
  if (op === 0) return x + y;
  if (op === 1) return x - y;
  return x * y;
}
function unary(this: { thread: { x: number } }, a: number[], op: number, scalar: number): number {
  const x = a[this.thread.x];
  if (op === 0) return x * scalar;
  if (op === 1) return Math.max(x, 0);
  if (op === 2) return 1 / (1 + Math.exp(-x));
  return Math.tanh(x);
}
/** gpu.js kernel: thread x gives the nearest of `k` centroids to RGB point x (float32 in gpu.js). */
export function assignKernel(this: { thread: { x: number } }, p: number[], c: number[], k: number): number {
  const i = this.thread.x;
  let best = 0;
  let bestD = 3.0e38;
  for (let j = 0; j < k; j++) {
    const dr = p[i * 3] - c[j * 3];
    const dg = p[i * 3 + 1] - c[j * 3 + 1];
    const db = p[i * 3 + 2] - c[j * 3 + 2];
    const d = dr * dr + dg * dg + db * db;
    if (d < bestD) {
      bestD = d;
      best = j;
    }
  }
  return best;
}
// Thread x answers rank j of query q by j + 1 selection passes over every training row.
function knnKernel(
  this: { thread: { x: number } },
  train: number[],
  test: number[],
  nTrain: number,
  dim: number,
  k: number,
): number {
  const q = Math.floor(this.thread.x / k);
  const rank = this.thread.x - q * k;
  let prevD = -1;
  let prevI = -1;
  for (let pass = 0; pass <= rank; pass++) {
    let bestD = 3.0e38;
    let bestI = -1;
    for (let t = 0; t < nTrain; t++) {
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const x = test[q * dim + j] - train[t * dim + j];
        d += x * x;
      }
      if (d > prevD || (d === prevD && t > prevI)) {
        if (d < bestD) {
          bestD = d;
          bestI = t;
        }
      }
    }
    prevD = bestD;
    prevI = bestI;
  }
  return prevI;
}

const UNARY: Record<string, number> = { scale: 0, relu: 1, sigmoid: 2, tanh: 3 };
const BINARY: Record<string, number> = { add: 0, sub: 1, mul: 2 };

/**
 * A gpu.js backend in one mode. Kernels compile on first use and run float32. WebAssembly
 * kernels run asynchronously so gpu.js can split large outputs across its worker pool. A kernel
 * that fails at run time falls back to the js backend for that call, and the result says so.
 */
export function createGpuJsBackend(mode: GpuJsMode): Compute {
  const reason = gpuJsUnavailable(mode);
  if (reason) throw new Error(reason);
  const { module } = loadGpuJs();
  const gpu = new module!.GPU({ mode });
  const name = `gpu.js:${mode}`;
  const js = createJsBackend();
  const kernels = new Map<string, GpuKernel>();
  const kernel = (key: string, fn: (...args: never[]) => number): GpuKernel => {
    let kn = kernels.get(key);
    if (!kn) {
      kn = gpu.createKernel(fn, {
        output: [1],
        dynamicOutput: true,
        dynamicArguments: true,
        loopMaxIterations: 1 << 24,
        precision: "single",
        asyncMode: mode === "webasm",
      });
      kernels.set(key, kn);
    }
    return kn;
  };
  const run = async (
    key: string,
    fn: (...args: never[]) => number,
    size: number,
    args: unknown[],
  ): Promise<Float32Array> => {
    const kn = kernel(key, fn).setOutput([size]);
    const out = (await kn(...args)) as Float32Array | number[];
    return out instanceof Float32Array ? out : Float32Array.from(out);
  };
  const guarded = async <T>(
    work: () => Promise<T>,
    fallback: () => Promise<Computed<T>>,
  ): Promise<Computed<T>> => {
    try {
      return { data: await work(), backend: name };
    } catch (e) {
      const r = await fallback();
      return { data: r.data, backend: `js (${name} failed: ${(e as Error).message.split("\n")[0]})` };
    }
  };
  return {
    name,
    precision: "float32",
    matmul: (a, b, m, k, n, options: MatmulOptions = {}) => {
      if (a.length !== m * k || b.length !== k * n) {
        throw new RangeError(
          `matmul shapes do not fit: A has ${a.length} values for ${m}x${k}, B ${b.length} for ${k}x${n}`,
        );
      }
      // Transposed operands are laid out plainly first: an O(n^2) copy that keeps every kernel
      // thread reading rows of A and columns of B the same way.
      const aa = options.transposeA ? transpose32(a, k, m) : f32(a);
      const bb = options.transposeB ? transpose32(b, n, k) : f32(b);
      return guarded<Numeric>(
        async () => {
          const key = `matmul:${m}x${k}x${n}`;
          let kn = kernels.get(key);
          if (!kn) {
            kn = gpu.createKernel(matmulKernel as never, {
              output: [n, m],
              constants: { K: k },
              precision: "single",
              asyncMode: mode === "webasm",
            });
            kernels.set(key, kn);
          }
          const out = (await kn(rowsOf(aa, m, k), rowsOf(bb, k, n))) as Float32Array[];
          const c = new Float32Array(m * n);
          for (let i = 0; i < m; i++) c.set(out[i], i * n);
          return c;
        },
        () => js.matmul(a, b, m, k, n, options),
      );
    },
    elementwise: (op: ElementwiseOp, a, b, scalar = 1) => {
      if (op in BINARY) {
        if (!b || b.length !== a.length) throw new RangeError(`${op} needs two arrays of equal length`);
        return guarded<Numeric>(
          () => run("binary", binary as never, a.length, [f32(a), f32(b), BINARY[op]]),
          () => js.elementwise(op, a, b, scalar),
        );
      }
      return guarded<Numeric>(
        () => run("unary", unary as never, a.length, [f32(a), UNARY[op], scalar]),
        () => js.elementwise(op, a, b, scalar),
      );
    },
    assign: (points, centroids, k) =>
      guarded(
        async () => {
          const labels = Int32Array.from(
            await run("assign", assignKernel as never, points.length / 3, [f32(points), f32(centroids), k]),
          );
          const dist2 = new Float64Array(labels.length);
          for (let i = 0; i < labels.length; i++) {
            const c = labels[i] * 3;
            const dr = points[i * 3] - centroids[c];
            const dg = points[i * 3 + 1] - centroids[c + 1];
            const db = points[i * 3 + 2] - centroids[c + 2];
            dist2[i] = dr * dr + dg * dg + db * db;
          }
          return { labels, dist2 };
        },
        () => js.assign(points, centroids, k),
      ),
    knn: (train, test, dim, k) =>
      guarded(
        async () => {
          const nTrain = train.length / dim;
          const kk = Math.min(k, nTrain);
          const nTest = test.length / dim;
          const indices = Int32Array.from(
            await run("knn", knnKernel as never, nTest * kk, [f32(train), f32(test), nTrain, dim, kk]),
          );
          return { k: kk, indices, dist2: neighbourDistances(train, test, dim, kk, indices) };
        },
        () => js.knn(train, test, dim, k),
      ),
    dispose: () => {
      for (const kn of kernels.values()) kn.destroy?.();
      kernels.clear();
      gpu.destroy();
    },
  };
}
