import { createRng } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { assignReference, elementwiseReference, knnReference, matmulReference } from "./reference.js";
import { getCompute, listBackends } from "./registry.js";
import type { ElementwiseOp } from "./types.js";

// Float32 tolerances. A float32 dot product of length k is within about k * 2^-24 of the exact
// value relative to the sum of |a_t b_t|; element-wise transcendental ops are within a few ulps.
const F32_DOT_RTOL = (k: number) => (k + 2) * 2 ** -24 * 2;
const F32_ELEMENTWISE_RTOL = 4e-7;
const F32_ELEMENTWISE_ATOL = 1e-7;

function random(n: number, seed: number, scale = 1): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.fround(rng.normal() * scale);
  return a;
}

const backends = listBackends().filter((b) => b.available);

describe("compute backends on this machine", () => {
  it("include js and gpu.js's webasm and cpu modes, and say why headless-gl is missing", () => {
    const names = backends.map((b) => b.name);
    expect(names).toContain("js");
    expect(names).toContain("gpu.js:webasm");
    expect(names).toContain("gpu.js:cpu");
    const gl = listBackends().find((b) => b.name === "gpu.js:headlessgl")!;
    if (!gl.available) expect(gl.reason).toMatch(/headless-gl/);
  });
});

describe.each(backends.map((b) => b.name))("kernel parity on %s", (name) => {
  const compute = getCompute({ prefer: name });

  it("is the backend asked for", () => {
    expect(compute.name).toBe(name);
  });

  it("multiplies matrices in all four transpose combinations, vectors included", async () => {
    for (const [m, k, n] of [
      [7, 13, 5],
      [1, 9, 4],
      [6, 3, 1],
      [1, 1, 1],
    ]) {
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const a = random(m * k, 1);
          const b = random(k * n, 2);
          const ref = matmulReference(a, b, m, k, n, { transposeA, transposeB });
          const abs = matmulReference(a.map(Math.abs), b.map(Math.abs), m, k, n, { transposeA, transposeB });
          const got = await compute.matmul(a, b, m, k, n, { transposeA, transposeB });
          expect(got.backend).toBe(name);
          expect(got.data.length).toBe(m * n);
          for (let i = 0; i < m * n; i++) {
            const tol = compute.precision === "float64" ? 1e-12 * abs[i] : F32_DOT_RTOL(k) * abs[i];
            expect(Math.abs(got.data[i] - ref[i])).toBeLessThanOrEqual(tol);
          }
        }
      }
    }
  });

  it("applies every element-wise op", async () => {
    const a = random(4099, 3, 3);
    const b = random(4099, 4, 3);
    for (const op of ["add", "sub", "mul", "scale", "relu", "sigmoid", "tanh"] as ElementwiseOp[]) {
      const ref = elementwiseReference(op, a, b, 0.37);
      const got = await compute.elementwise(
        op,
        a,
        op === "scale" || op === "relu" || op === "sigmoid" || op === "tanh" ? undefined : b,
        0.37,
      );
      expect(got.backend).toBe(name);
      let worst = 0;
      for (let i = 0; i < a.length; i++) {
        const err =
          Math.abs(got.data[i] - ref[i]) - F32_ELEMENTWISE_RTOL * Math.abs(ref[i]) - F32_ELEMENTWISE_ATOL;
        if (err > worst) worst = err;
      }
      expect(worst).toBe(0);
    }
  });

  it("assigns points to centroids like core's reference, ties to the lower index", async () => {
    const rng = createRng(9);
    const points = new Float64Array(3 * 500);
    for (let i = 0; i < points.length; i++) points[i] = rng.int(256);
    // Centroids 1 and 3 coincide: every tie must go to 1.
    const centroids = new Float64Array([10, 20, 30, 200, 100, 50, 90, 90, 90, 200, 100, 50, 0, 255, 0]);
    const ref = assignReference(points, centroids, 5);
    const got = await compute.assign(points, centroids, 5);
    expect(Array.from(got.data.labels)).toEqual(Array.from(ref.labels));
    expect(Array.from(got.data.dist2)).toEqual(Array.from(ref.dist2));
  });

  it("finds the k nearest rows in brute-force order, exactly while float32 distances are exact", async () => {
    const rng = createRng(5);
    const dim = 9;
    // Values below 256: squared distances stay below 2^24, so float32 ranks exactly and ties are real.
    const train = new Float64Array(dim * 300).map(() => rng.int(8) * 30);
    const test = new Float64Array(dim * 40).map(() => rng.int(8) * 30);
    const ref = knnReference(train, test, dim, 6);
    const got = await compute.knn(train, test, dim, 6);
    expect(got.data.k).toBe(6);
    expect(Array.from(got.data.indices)).toEqual(Array.from(ref.indices));
    expect(Array.from(got.data.dist2)).toEqual(Array.from(ref.dist2));
  });

  it("rejects mismatched matrix shapes with a one-line message", async () => {
    await expect(async () =>
      compute.matmul(new Float64Array(6), new Float64Array(5), 2, 3, 2),
    ).rejects.toThrow(/shapes do not fit/);
  });
});
