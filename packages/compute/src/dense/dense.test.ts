import { createRng, gemmReference, referenceKernels } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { AUTO_RULE, DENSE_BACKENDS, denseKernels, gemmShape, listDenseBackends } from "./registry.js";

function random(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** The obvious triple loop, summing `0 + a0 b0 + a1 b1 + ...` in order of the inner index. */
function slowProduct(
  tA: boolean,
  tB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
) {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += (tA ? a[p * m + i] : a[i * k + p]) * (tB ? b[j * k + p] : b[p * n + j]);
      out[i * n + j] = s;
    }
  return out;
}

// Shapes crossing every tile remainder of the SIMD product (rows 4 + 1, columns 4 + 2 + 1).
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [4, 4, 3],
  [5, 7, 9],
  [9, 6, 1],
  [3, 5, 48],
  [17, 13, 24],
  [256, 48, 13],
];
const LAYOUTS = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;

/** Runs `gemm` on every shape and layout (with offsets into larger arrays) against the slow loop. */
function checkProduct(
  gemm: ReturnType<typeof gemmReference>,
  tolerance: (exact: number, magnitude: number, k: number) => number,
): void {
  for (const [m, n, k] of SHAPES) {
    for (const [tA, tB] of LAYOUTS) {
      const a = random(m * k, m + n + k);
      const b = random(k * n, m * n * k);
      const want = slowProduct(tA, tB, m, n, k, a, b);
      const scale = slowProduct(tA, tB, m, n, k, a.map(Math.abs), b.map(Math.abs));
      const aa = new Float64Array(3 + a.length);
      aa.set(a, 3);
      const bb = new Float64Array(5 + b.length);
      bb.set(b, 5);
      const out = new Float64Array(2 + m * n).fill(Number.NaN);
      gemm(tA, tB, m, n, k, aa, 3, bb, 5, out, 2);
      for (let i = 0; i < m * n; i++) {
        const err = Math.abs(out[2 + i] - want[i]);
        if (!(err <= tolerance(want[i], scale[i], k)))
          throw new Error(`${m}x${n}x${k} tA=${tA} tB=${tB} [${i}]: ${out[2 + i]} vs ${want[i]}`);
      }
    }
  }
}

const exact = () => 0;
// Float32: operands rounded (2^-24 each) and k float32 additions: within (k + 2) 2^-23 of the
// magnitude sum, the tolerance the README states for the gpu.js products.
const float32 = (_: number, magnitude: number, k: number) => (k + 2) * 2 ** -23 * magnitude;

describe("the dense backends' products", () => {
  const available = listDenseBackends().filter((b) => b.available);

  it("include the float64 WebAssembly SIMD product and gpu.js's webasm and cpu modes here", () => {
    const names = available.map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining(["js", "wasm-simd", "gpu.js:webasm", "gpu.js:cpu"]));
  });

  it("core's reference product equals the obvious loop bit for bit in every layout", () => {
    checkProduct(gemmReference(), exact);
  });

  for (const backend of DENSE_BACKENDS) {
    const reason = backend.unavailable();
    // headless-gl loads only where its native module was built (see the README's Backends section).
    it.skipIf(reason !== undefined)(
      `${backend.name}${reason ? ` (skipped: ${reason})` : ""} matches the obvious loop ${backend.precision === "float64" ? "bit for bit" : "within the float32 tolerance"}`,
      () => {
        const { gemm } = backend.create();
        checkProduct(gemm!, backend.precision === "float64" ? exact : float32);
      },
    );
  }

  it("a float32 check fails on a product off by more than its tolerance", () => {
    const wrong = gemmReference();
    expect(() =>
      checkProduct((tA, tB, m, n, k, a, ao, b, bo, out, oo) => {
        wrong(tA, tB, m, n, k, a, ao, b, bo, out, oo);
        out[oo] *= 1 + 1e-4;
      }, float32),
    ).toThrow(/vs/);
  });
});

describe("denseKernels", () => {
  it("auto runs each shape class on its rule's first backend that loads, the reference's bits", () => {
    const ks = denseKernels("auto");
    const ref = referenceKernels();
    const out = new Float64Array(256 * 48);
    const want = new Float64Array(256 * 48);
    const a = random(256 * 13, 1);
    const b = random(48 * 13, 2);
    ks.gemm(false, true, 256, 48, 13, a, 0, b, 0, out, 0);
    ref.gemm(false, true, 256, 48, 13, a, 0, b, 0, want, 0);
    expect(out).toEqual(want);
    expect(gemmShape(256, 48, 13)).toBe("medium");
    expect(ks.used().gemm).toEqual([AUTO_RULE.gemm.medium[0]]);
    ks.gemm(false, true, 2, 2, 2, a, 0, b, 0, out, 0);
    expect(ks.used().gemm).toEqual([...new Set([AUTO_RULE.gemm.medium[0], AUTO_RULE.gemm.small[0]])]);
  });

  it("a forced backend is the one that runs, and says so", () => {
    for (const name of ["js", "wasm-simd", "gpu.js:cpu", "gpu.js:webasm"]) {
      const ks = denseKernels(name);
      const out = new Float64Array(4);
      ks.gemm(false, false, 2, 2, 2, Float64Array.of(1, 2, 3, 4), 0, Float64Array.of(5, 6, 7, 8), 0, out, 0);
      expect(Array.from(out)).toEqual([19, 22, 43, 50]);
      expect(ks.used()).toEqual({ gemm: [name] });
      expect(ks.requested).toBe(name);
    }
    expect(denseKernels("gpu.js").requested).toMatch(/^gpu\.js:/);
  });

  it("a forced backend without a kernel runs it on js and names both", () => {
    const ks = denseKernels("wasm-simd");
    const labels = new Int32Array(2);
    const dist2 = new Float64Array(2);
    ks.assign(Float64Array.of(0, 0, 0, 9, 9, 9), Float64Array.of(1, 1, 1, 8, 8, 8), 2, labels, dist2);
    expect(Array.from(labels)).toEqual([0, 1]);
    expect(ks.used()).toEqual({ assign: ["js"] });
  });

  it("gpu.js's assignment step agrees with core's on well-separated points", () => {
    const rng = createRng(3);
    const n = 500;
    const points = Float64Array.from({ length: 3 * n }, () => Math.round(rng.next() * 255));
    const centroids = Float64Array.of(10, 10, 10, 200, 30, 30, 30, 200, 30, 128, 128, 250, 250, 250, 250);
    const want = { labels: new Int32Array(n), dist2: new Float64Array(n) };
    referenceKernels().assign(points, centroids, 5, want.labels, want.dist2);
    for (const name of ["gpu.js:cpu", "gpu.js:webasm"]) {
      const ks = denseKernels(name);
      const labels = new Int32Array(n);
      const dist2 = new Float64Array(n);
      ks.assign(points, centroids, 5, labels, dist2);
      // Integer RGB against these centroids: float32 distances are exact, so labels agree exactly.
      expect(labels).toEqual(want.labels);
      expect(dist2).toEqual(want.dist2);
      expect(ks.used()).toEqual({ assign: [name] });
    }
  });

  it("gpu.js's assignment step gives core's labels where float32 rounding would tie them", () => {
    // 1.99999999 rounds to 2 in float32: (1,0,0) looks tied between centres 0 and 1 there (a tie
    // goes to the lower index), but centre 1 is nearer in float64.
    const centroids = Float64Array.of(0, 0, 0, 1.99999999, 0, 0, 10, 0, 0);
    const points = Float64Array.of(1, 0, 0, 5, 0, 0, 9, 1, 0, 0.5, 0, 0);
    const want = { labels: new Int32Array(4), dist2: new Float64Array(4) };
    referenceKernels().assign(points, centroids, 3, want.labels, want.dist2);
    expect(Array.from(want.labels)).toEqual([1, 1, 2, 0]);
    for (const name of ["gpu.js:cpu", "gpu.js:webasm"]) {
      const ks = denseKernels(name);
      const labels = new Int32Array(4);
      const dist2 = new Float64Array(4);
      expect(ks.assign(points, centroids, 3, labels, dist2)).toBe(3);
      expect(labels).toEqual(want.labels);
      expect(dist2).toEqual(want.dist2);
      expect(ks.used()).toEqual({ assign: [name] });
    }
  });

  it("refuses an unknown backend and one that cannot run here, in one line", () => {
    expect(() => denseKernels("cuda")).toThrow(/^unknown compute backend "cuda"; known: auto, gpu\.js, js/);
    const gl = DENSE_BACKENDS.find((b) => b.name === "gpu.js:headlessgl")!;
    if (gl.unavailable())
      expect(() => denseKernels("gpu.js:headlessgl")).toThrow(/cannot run here: headless-gl/);
  });
});

describe("the dense backends' affine maps (a layer's forward pass)", () => {
  for (const backend of DENSE_BACKENDS) {
    const reason = backend.unavailable();
    it.skipIf(reason !== undefined)(
      `${backend.name}${reason ? ` (skipped: ${reason})` : ""} gives X W^T + b (then ReLU) ${backend.precision === "float64" ? "bit for bit" : "within the float32 tolerance"}`,
      () => {
        const { affine } = backend.create();
        for (const [m, n, k] of SHAPES) {
          for (const relu of [false, true]) {
            const x = random(m * k, m + k);
            const w = random(n * k, n + 1);
            const bias = random(n + 2, 9);
            const want = slowProduct(false, true, m, n, k, x, w);
            const scale = slowProduct(false, true, m, n, k, x.map(Math.abs), w.map(Math.abs));
            for (let i = 0; i < m; i++)
              for (let j = 0; j < n; j++) {
                want[i * n + j] += bias[2 + j];
                if (relu && want[i * n + j] < 0) want[i * n + j] = 0;
              }
            const out = new Float64Array(1 + m * n).fill(Number.NaN);
            affine!(m, n, k, x, 0, w, 0, bias, 2, relu, out, 1);
            for (let i = 0; i < m * n; i++) {
              const tol =
                backend.precision === "float64" ? 0 : float32(0, scale[i] + Math.abs(bias[2 + (i % n)]), k);
              expect(
                Math.abs(out[1 + i] - want[i]),
                `${m}x${n}x${k} relu=${relu} [${i}]`,
              ).toBeLessThanOrEqual(tol);
            }
          }
        }
      },
    );
  }
});
