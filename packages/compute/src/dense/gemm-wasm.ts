import { compiledModule, wasmApi } from "../wasm/runtime.js";
import { gemmModuleBytes } from "./gemm-module.js";

/** A growable (unshared) memory, as the WebAssembly global makes it. */
interface GrowableMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

type GemmFn = (m: number, n: number, k: number, a: number, b: number, c: number) => void;
type BiasFn = (c: number, bias: number, m: number, n: number) => void;

const PAGE = 65536;

/** Why the float64 SIMD product cannot run here, or undefined when it can. */
export function wasmGemmUnavailable(): string | undefined {
  if (!wasmApi()) return "WebAssembly is not available";
  return compiledModule("gemm-f64x2", () => gemmModuleBytes())
    ? undefined
    : "WebAssembly SIMD is not supported";
}

/**
 * The float64 SIMD product (gemm-module.ts) with its own memory: operands are copied in (laid
 * out as C = A B, transposing while copying), the product runs, and C is copied out. The memory
 * grows to the largest product asked for and is kept.
 */
export class WasmGemm {
  private readonly memory: GrowableMemory;
  private readonly run: GemmFn;
  private readonly bias: BiasFn;
  private readonly biasRelu: BiasFn;
  private view: Float64Array;

  constructor() {
    const api = wasmApi();
    const module = compiledModule("gemm-f64x2", () => gemmModuleBytes());
    if (!api || !module) throw new Error(wasmGemmUnavailable());
    const Memory = (api as unknown as { Memory: new (d: { initial: number }) => GrowableMemory }).Memory;
    this.memory = new Memory({ initial: 1 });
    const { exports } = new api.Instance(module, { env: { memory: this.memory } });
    this.run = exports.gemm as GemmFn;
    this.bias = exports.bias as BiasFn;
    this.biasRelu = exports.biasRelu as BiasFn;
    this.view = new Float64Array(this.memory.buffer);
  }

  private reserve(values: number): Float64Array {
    const bytes = values * 8;
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.view.buffer !== this.memory.buffer) this.view = new Float64Array(this.memory.buffer);
    return this.view;
  }

  /**
   * out[outOff ..] (m x n) = op(A) op(B), op(A) m x k and op(B) k x n; A is stored m x k from
   * `aOff` (k x m when `transA`), B k x n from `bOff` (n x k when `transB`).
   */
  gemm(
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
  ): void {
    const aAt = 0;
    const bAt = m * k;
    const cAt = bAt + k * n;
    const v = this.reserve(cAt + m * n);
    if (!transA) v.set(a.subarray(aOff, aOff + m * k), aAt);
    else
      for (let p = 0; p < k; p++) {
        const src = aOff + p * m;
        for (let i = 0; i < m; i++) v[aAt + i * k + p] = a[src + i];
      }
    if (!transB) v.set(b.subarray(bOff, bOff + k * n), bAt);
    else
      for (let j = 0; j < n; j++) {
        const src = bOff + j * k;
        for (let p = 0; p < k; p++) v[bAt + p * n + j] = b[src + p];
      }
    this.run(m, n, k, aAt * 8, bAt * 8, cAt * 8);
    out.set(v.subarray(cAt, cAt + m * n), outOff);
  }

  /**
   * out[outOff ..] (m x n) = X W^T + bias, then ReLU when `relu`: X m x k from `xOff`, W n x k
   * from `wOff`, the n biases from `biasOff` (core's {@link Affine}).
   */
  affine(
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
  ): void {
    const aAt = 0;
    const bAt = m * k;
    const biasAt = bAt + k * n;
    const cAt = biasAt + n + (n & 1);
    const v = this.reserve(cAt + m * n);
    v.set(x.subarray(xOff, xOff + m * k), aAt);
    for (let j = 0; j < n; j++) {
      const src = wOff + j * k;
      for (let p = 0; p < k; p++) v[bAt + p * n + j] = w[src + p];
    }
    v.set(bias.subarray(biasOff, biasOff + n), biasAt);
    this.run(m, n, k, aAt * 8, bAt * 8, cAt * 8);
    (relu ? this.biasRelu : this.bias)(cAt * 8, biasAt * 8, m, n);
    out.set(v.subarray(cAt, cAt + m * n), outOff);
  }
}
