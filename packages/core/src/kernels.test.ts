import { describe, expect, it } from "vitest";
import { describeKernels, gemmReference, KernelUsage, referenceKernels } from "./kernels.js";

describe("core's kernels", () => {
  it("the reference product handles every layout: a hand-worked 2 x 3 by 3 x 2 product", () => {
    // A = [[1, 2, 3], [4, 5, 6]], B = [[7, 8], [9, 10], [11, 12]]: AB = [[58, 64], [139, 154]].
    const a = Float64Array.of(1, 2, 3, 4, 5, 6);
    const aT = Float64Array.of(1, 4, 2, 5, 3, 6);
    const b = Float64Array.of(7, 8, 9, 10, 11, 12);
    const bT = Float64Array.of(7, 9, 11, 8, 10, 12);
    const gemm = gemmReference();
    for (const [tA, tB, x, y] of [
      [false, false, a, b],
      [true, false, aT, b],
      [false, true, a, bT],
      [true, true, aT, bT],
    ] as const) {
      const out = new Float64Array(5);
      gemm(tA, tB, 2, 2, 3, x, 0, y, 0, out, 1);
      expect(Array.from(out)).toEqual([0, 58, 64, 139, 154]);
    }
  });

  it("record the backends that ran, and describe them in one line", () => {
    const ks = referenceKernels();
    expect(ks.used()).toEqual({});
    expect(describeKernels(ks.used())).toBe("js");
    ks.gemm(false, false, 1, 1, 1, Float64Array.of(2), 0, Float64Array.of(3), 0, new Float64Array(1), 0);
    expect(ks.used()).toEqual({ gemm: ["js"] });
    const u = new KernelUsage();
    u.note("gemm", "wasm-simd");
    u.note("gemm", "js");
    u.note("gemm", "wasm-simd");
    expect(describeKernels(u.snapshot())).toBe("gemm: wasm-simd, js");
    u.note("assign", "js");
    expect(describeKernels(u.snapshot())).toBe("gemm: wasm-simd, js; assign: js");
    const one = new KernelUsage();
    one.note("gemm", "gpu.js:cpu");
    one.note("assign", "gpu.js:cpu");
    expect(describeKernels(one.snapshot())).toBe("gpu.js:cpu");
  });
});
