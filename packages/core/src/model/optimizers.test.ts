import { describe, expect, it } from "vitest";
import { adam, createOptimizer, sgdMomentum } from "./optimizers.js";

const rtol = 1e-12;

describe("adam", () => {
  it("moves each parameter by lr * g / (|g| + eps) on the first step (bias correction)", () => {
    const opt = adam(2);
    const p = new Float64Array([1, 1]);
    opt.step(p, new Float64Array([0.5, -2]), 0.1);
    expect(Math.abs(p[0] - 0.9)).toBeLessThan(1e-8);
    expect(Math.abs(p[1] - 1.1)).toBeLessThan(1e-8);
  });
  it("matches the textbook recurrence over several steps", () => {
    const opt = adam(1);
    const p = new Float64Array([0]);
    let m = 0;
    let v = 0;
    let q = 0;
    const grads = [1, -0.5, 0.25, 2];
    grads.forEach((g, i) => {
      opt.step(p, new Float64Array([g]), 0.01);
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      const mh = m / (1 - 0.9 ** (i + 1));
      const vh = v / (1 - 0.999 ** (i + 1));
      q -= (0.01 * mh) / (Math.sqrt(vh) + 1e-8);
      // Adam's epsilon is applied to the uncorrected root, a difference of order 1e-8 relative.
      expect(Math.abs(p[0] - q)).toBeLessThan(1e-9);
    });
  });
});

describe("sgdMomentum", () => {
  it("accumulates velocity: u = mu u - lr g", () => {
    const opt = sgdMomentum(1, { momentum: 0.5 });
    const p = new Float64Array([0]);
    opt.step(p, new Float64Array([1]), 0.1);
    expect(Math.abs(p[0] + 0.1)).toBeLessThan(rtol);
    opt.step(p, new Float64Array([1]), 0.1);
    expect(Math.abs(p[0] + 0.1 + 0.15)).toBeLessThan(rtol);
  });
});

describe("createOptimizer", () => {
  it("minimises a quadratic with either optimiser", () => {
    for (const name of ["adam", "sgd"] as const) {
      const opt = createOptimizer(name, 2);
      const p = new Float64Array([3, -2]);
      const g = new Float64Array(2);
      for (let t = 0; t < 500; t++) {
        g[0] = 2 * (p[0] - 1);
        g[1] = 4 * (p[1] + 1);
        opt.step(p, g, 0.05);
      }
      expect(Math.abs(p[0] - 1)).toBeLessThan(1e-3);
      expect(Math.abs(p[1] + 1)).toBeLessThan(1e-3);
    }
  });
  it("refuses an unknown name", () => {
    expect(() => createOptimizer("rmsprop" as "adam", 1)).toThrow(/unknown optimizer/);
  });
});
