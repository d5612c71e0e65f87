import {
  type Affine,
  type Assign,
  affineReference,
  assignToCentroids,
  type Gemm,
  gemmReference,
  type KernelName,
  type Kernels,
  KernelUsage,
} from "@colorize/core";
import { assignKernel, GPUJS_MODES, type GpuJsMode, gpuJsUnavailable, loadGpuJs } from "../gpujs-backend.js";
import { GpuJsGemm } from "./gemm-gpujs.js";
import { WasmGemm, wasmGemmUnavailable } from "./gemm-wasm.js";

/**
 * The dense kernels of the models (core's {@link Kernels}: `gemm` for the networks' products,
 * `assign` for k-means' assignment step), per backend, and the rule that picks one per kernel
 * and shape under "auto".
 */

/** The kernels a backend made. */
type Made = { gemm?: Gemm; affine?: Affine; assign?: Assign };

/** One backend's implementation of the dense kernels. */
export interface DenseBackend {
  readonly name: string;
  /** Arithmetic of its sums: float64 ones give the reference's bits exactly. */
  readonly precision: "float64" | "float32";
  /** Why it cannot run here, or undefined when it can; cheap (no kernel compiled). */
  unavailable(): string | undefined;
  /** Its kernels; one it lacks is absent (the reference then runs it). */
  create(): Made;
}

/**
 * Makes float32 labels exact: a label is kept when its point's float64 distance is below half the
 * distance from its centre to the nearest other centre (then every other centre is strictly
 * farther: the triangle inequality), else the point is assigned again in float64. Labels and
 * distances are then {@link assignToCentroids}'s bits. Returns how many labels changed.
 */
export function exactLabels(
  points: Float64Array,
  centroids: Float64Array,
  k: number,
  got: ArrayLike<number>,
  labels: Int32Array,
  dist2: Float64Array,
): number {
  // A quarter of the squared distance to the nearest other centre, shrunk so rounding in it or in
  // a point's distance can never keep a label that is not strictly nearest.
  const safe = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      if (b === a) continue;
      const dr = centroids[a * 3] - centroids[b * 3];
      const dg = centroids[a * 3 + 1] - centroids[b * 3 + 1];
      const db = centroids[a * 3 + 2] - centroids[b * 3 + 2];
      const d = 0.25 * (dr * dr + dg * dg + db * db) * (1 - 1e-9);
      if (d < safe[a]) safe[a] = d;
    }
  }
  let changed = 0;
  for (let i = 0; i < labels.length; i++) {
    const r = points[i * 3];
    const g = points[i * 3 + 1];
    const b = points[i * 3 + 2];
    let best = got[i];
    let c = best * 3;
    const dr = r - centroids[c];
    const dg = g - centroids[c + 1];
    const db = b - centroids[c + 2];
    let bestD = dr * dr + dg * dg + db * db;
    if (!(bestD * (1 + 1e-9) < safe[best])) {
      best = 0;
      bestD = Number.POSITIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        c = j * 3;
        const er = r - centroids[c];
        const eg = g - centroids[c + 1];
        const eb = b - centroids[c + 2];
        const d = er * er + eg * eg + eb * eb;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
    }
    if (labels[i] !== best) changed++;
    labels[i] = best;
    dist2[i] = bestD;
  }
  return changed;
}

/** gpu.js's argmin in float32, made exact in float64 by {@link exactLabels}. */
function gpuJsAssign(mode: GpuJsMode): Assign {
  const { module } = loadGpuJs();
  const gpu = new (
    module!.GPU as unknown as new (s: {
      mode: string;
    }) => {
      createKernel(fn: (...a: never[]) => number, s: Record<string, unknown>): (...a: unknown[]) => unknown;
    }
  )({ mode });
  const kernel = gpu.createKernel(assignKernel as never, {
    output: [1],
    dynamicOutput: true,
    dynamicArguments: true,
    precision: "single",
    tactic: "precision",
  }) as ((...a: unknown[]) => ArrayLike<number>) & { setOutput(o: number[]): void };
  return (points, centroids, k, labels, dist2) => {
    kernel.setOutput([labels.length]);
    const got = kernel(Float32Array.from(points), Float32Array.from(centroids), k);
    return exactLabels(points, centroids, k, got, labels, dist2);
  };
}

/** Every dense backend, in the order `--backend gpu.js` tries gpu.js modes (best first). */
export const DENSE_BACKENDS: readonly DenseBackend[] = [
  {
    name: "js",
    precision: "float64",
    unavailable: () => undefined,
    create: () => ({ gemm: gemmReference(), affine: affineReference(), assign: assignToCentroids }),
  },
  {
    name: "wasm-simd",
    precision: "float64",
    unavailable: wasmGemmUnavailable,
    create: () => {
      const w = new WasmGemm();
      return { gemm: w.gemm.bind(w), affine: w.affine.bind(w) };
    },
  },
  ...GPUJS_MODES.map(
    (mode): DenseBackend => ({
      name: `gpu.js:${mode}`,
      precision: "float32",
      unavailable: () => gpuJsUnavailable(mode),
      create: () => {
        const { gemm } = new GpuJsGemm(mode);
        return { gemm, affine: affineReference(gemm), assign: gpuJsAssign(mode) };
      },
    }),
  ),
];

/** Shape classes of a product, by its multiply-adds m n k. */
export type GemmShape = "small" | "medium" | "large";

/** The class of an m x n x k product: small below 2^14 multiply-adds, large from 2^20. */
export function gemmShape(m: number, n: number, k: number): GemmShape {
  const work = m * n * k;
  return work < 1 << 14 ? "small" : work < 1 << 20 ? "medium" : "large";
}

/**
 * "auto"'s choice per kernel and shape class: the first of each list that loads. Measured on a
 * 2-core x86-64 machine by `pnpm bench` (packages/bench/src/backends.ts prints the table it comes
 * from); see the README's Backends section. gpu.js runs float32 and was slower than the float64
 * WebAssembly product at every shape the models use, so "auto" never picks it: results under
 * "auto" are the reference's bits.
 */
export const AUTO_RULE: {
  readonly gemm: Record<GemmShape, readonly string[]>;
  readonly affine: Record<GemmShape, readonly string[]>;
  readonly assign: readonly string[];
} = {
  gemm: { small: ["js"], medium: ["wasm-simd", "js"], large: ["wasm-simd", "js"] },
  affine: { small: ["js"], medium: ["wasm-simd", "js"], large: ["wasm-simd", "js"] },
  assign: ["js"],
};

/** What {@link denseKernels} was asked for and what it could not use. */
export interface DenseChoice extends Kernels {
  /** "auto" or the forced backend's name. */
  readonly requested: string;
  /** Backends "auto" would have used but which did not load, with the reason. */
  readonly skipped: readonly { name: string; reason: string }[];
}

/** Names `--backend` accepts for the dense kernels. */
export function denseBackendNames(): string[] {
  return ["auto", "gpu.js", ...DENSE_BACKENDS.map((b) => b.name)];
}

/** Every dense backend with its availability here. */
export function listDenseBackends(): {
  name: string;
  precision: string;
  available: boolean;
  reason?: string;
}[] {
  return DENSE_BACKENDS.map((b) => {
    const reason = b.unavailable();
    return reason === undefined
      ? { name: b.name, precision: b.precision, available: true }
      : { name: b.name, precision: b.precision, available: false, reason };
  });
}

/**
 * The dense kernels for a run. "auto" (default) picks per kernel and shape by {@link AUTO_RULE};
 * a backend's name forces it for every kernel it has (the others run on "js", and
 * {@link Kernels.used} says so); "gpu.js" forces the best gpu.js mode that loads. A forced
 * backend that cannot run here, or an unknown name, is refused with a one-line error.
 */
export function denseKernels(prefer = "auto"): DenseChoice {
  const usage = new KernelUsage();
  const created = new Map<string, Made | undefined>();
  const skipped: { name: string; reason: string }[] = [];
  const reference = DENSE_BACKENDS[0].create();
  const load = (name: string): Made | undefined => {
    if (created.has(name)) return created.get(name);
    const backend = DENSE_BACKENDS.find((b) => b.name === name)!;
    let made: Made | undefined;
    const reason = backend.unavailable();
    if (reason === undefined) {
      try {
        made = backend.create();
      } catch (e) {
        skipped.push({ name, reason: (e as Error).message.split("\n")[0] });
      }
    } else skipped.push({ name, reason });
    created.set(name, made);
    return made;
  };
  const noted = <K extends KernelName>(
    kernel: K,
    name: string,
    fn: NonNullable<ReturnType<typeof load>>[K],
  ) => {
    usage.note(kernel, name);
    return fn!;
  };

  let forced: string | undefined;
  if (prefer === "gpu.js") {
    forced = DENSE_BACKENDS.find((b) => b.name.startsWith("gpu.js:") && b.unavailable() === undefined)?.name;
    if (!forced) throw new Error(`no gpu.js mode runs here: ${gpuJsUnavailable("cpu") ?? "none loaded"}`);
  } else if (prefer !== "auto") {
    const backend = DENSE_BACKENDS.find((b) => b.name === prefer);
    if (!backend)
      throw new RangeError(`unknown compute backend "${prefer}"; known: ${denseBackendNames().join(", ")}`);
    const reason = backend.unavailable();
    if (reason !== undefined) throw new Error(`compute backend ${prefer} cannot run here: ${reason}`);
    forced = prefer;
  }

  const pick = <K extends KernelName>(
    kernel: K,
    order: readonly string[],
  ): [string, NonNullable<ReturnType<typeof load>>[K]] => {
    for (const name of order) {
      const fn = load(name)?.[kernel];
      if (fn) return [name, fn];
    }
    return ["js", reference[kernel]];
  };

  let gemm: Gemm;
  let affine: Affine;
  let assign: Assign;
  if (forced) {
    const [gName, g] = pick("gemm", [forced]);
    const [fName, f] = pick("affine", [forced]);
    const [aName, a] = pick("assign", [forced]);
    gemm = (...args) => noted("gemm", gName, g)(...args);
    affine = (...args) => noted("affine", fName, f)(...args);
    assign = (...args) => noted("assign", aName, a)(...args);
  } else {
    const byShape = new Map<GemmShape, [string, Gemm]>();
    gemm = (transA, transB, m, n, k, ...rest) => {
      const shape = gemmShape(m, n, k);
      let chosen = byShape.get(shape);
      if (!chosen) {
        chosen = pick("gemm", AUTO_RULE.gemm[shape]) as [string, Gemm];
        byShape.set(shape, chosen);
      }
      usage.note("gemm", chosen[0]);
      chosen[1](transA, transB, m, n, k, ...rest);
    };
    const affineByShape = new Map<GemmShape, [string, Affine]>();
    affine = (m, n, k, ...rest) => {
      const shape = gemmShape(m, n, k);
      let chosen = affineByShape.get(shape);
      if (!chosen) {
        chosen = pick("affine", AUTO_RULE.affine[shape]) as [string, Affine];
        affineByShape.set(shape, chosen);
      }
      usage.note("affine", chosen[0]);
      chosen[1](m, n, k, ...rest);
    };
    const [aName, a] = pick("assign", AUTO_RULE.assign);
    assign = (...args) => noted("assign", aName, a)(...args);
  }
  return { requested: forced ?? "auto", skipped, gemm, affine, assign, used: () => usage.snapshot() };
}
