import type { Gemm } from "@colorize/core";
import { type GpuJsMode, gpuJsUnavailable, loadGpuJs } from "../gpujs-backend.js";

/** The part of gpu.js a synchronous product uses. */
interface SyncKernel {
  (...args: unknown[]): unknown;
  destroy?(): void;
}
interface SyncGpu {
  createKernel(fn: (...args: never[]) => number, settings: Record<string, unknown>): SyncKernel;
  destroy(): void;
}

// gpu.js parses this function: only its kernel subset. A constant inner bound lets it unroll.
function productKernel(
  this: { thread: { x: number; y: number }; constants: { K: number } },
  a: number[][],
  b: number[][],
): number {
  let s = 0;
  for (let t = 0; t < this.constants.K; t++) s += a[this.thread.y][t] * b[t][this.thread.x];
  return s;
}

/** Most compiled shapes kept; a network has a few (its layers times the batch and band sizes). */
const MAX_KERNELS = 64;

/**
 * The networks' product on gpu.js in one mode, synchronously (no worker pool), in float32: the
 * operands are rounded to float32, laid out as C = A B, multiplied by a kernel compiled per shape,
 * and the float32 sums are widened into `out`. Within `(k + 2) 2^-23` of the float64 product
 * relative to the sum of the products' magnitudes.
 */
export class GpuJsGemm {
  readonly gemm: Gemm;
  private readonly gpu: SyncGpu;
  private readonly kernels = new Map<string, SyncKernel>();

  constructor(readonly mode: GpuJsMode) {
    const reason = gpuJsUnavailable(mode);
    if (reason) throw new Error(reason);
    const { module } = loadGpuJs();
    this.gpu = new (module!.GPU as unknown as new (s: { mode: string }) => SyncGpu)({ mode });
    this.gemm = (transA, transB, m, n, k, a, aOff, b, bOff, out, outOff) => {
      const left: Float32Array[] = new Array(m);
      for (let i = 0; i < m; i++) {
        const row = new Float32Array(k);
        if (transA) for (let p = 0; p < k; p++) row[p] = a[aOff + p * m + i];
        else for (let p = 0; p < k; p++) row[p] = a[aOff + i * k + p];
        left[i] = row;
      }
      const right: Float32Array[] = new Array(k);
      for (let p = 0; p < k; p++) {
        const row = new Float32Array(n);
        if (transB) for (let j = 0; j < n; j++) row[j] = b[bOff + j * k + p];
        else for (let j = 0; j < n; j++) row[j] = b[bOff + p * n + j];
        right[p] = row;
      }
      const rows = this.kernel(m, n, k)(left, right) as ArrayLike<number>[];
      for (let i = 0; i < m; i++) {
        const r = rows[i];
        const o = outOff + i * n;
        for (let j = 0; j < n; j++) out[o + j] = r[j];
      }
    };
  }

  private kernel(m: number, n: number, k: number): SyncKernel {
    const key = `${m}x${n}x${k}`;
    let kn = this.kernels.get(key);
    if (!kn) {
      if (this.kernels.size >= MAX_KERNELS) {
        const [oldest, old] = this.kernels.entries().next().value as [string, SyncKernel];
        old.destroy?.();
        this.kernels.delete(oldest);
      }
      kn = this.gpu.createKernel(productKernel as never, {
        output: [n, m],
        constants: { K: k },
        precision: "single",
        tactic: "precision",
      });
      this.kernels.set(key, kn);
    }
    return kn;
  }

  /** Releases the compiled kernels. */
  dispose(): void {
    for (const kn of this.kernels.values()) kn.destroy?.();
    this.kernels.clear();
    this.gpu.destroy();
  }
}
