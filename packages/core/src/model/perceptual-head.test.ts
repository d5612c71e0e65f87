import { describe, expect, it } from "vitest";
import { ciede2000 } from "../metrics/ciede2000.js";
import { srgbToLab } from "../metrics/color.js";
import { createRng } from "../prng.js";
import {
  perceptualHead,
  perceptualTargetSize,
  weights2000,
  writePerceptualTarget,
} from "./perceptual-head.js";

/** The squared-difference quadratic form of {@link weights2000} at a true colour, for a difference d. */
function form(l: number, a: number, b: number, d: readonly number[]): number {
  const k = weights2000(l, a, b);
  const da = k.ga * d[1];
  const x = d[0] / k.sl;
  const y = (da * k.c0 + d[2] * k.c1) / k.sc;
  const h = (-da * k.c1 + d[2] * k.c0) / k.sh;
  return Math.sqrt(x * x + y * y + h * h + k.rt * y * h);
}

describe("CIEDE2000 weights at the true colour", () => {
  const rng = createRng(7);
  const u = () => rng.next() - 0.5;

  it("give CIEDE2000 itself for small differences, over all of CIELAB", () => {
    let worst = 0;
    for (let t = 0; t < 4000; t++) {
      const [l, a, b] = [50 + 100 * u(), 200 * u(), 200 * u()];
      const d = [0.02 * u(), 0.02 * u(), 0.02 * u()];
      const ref = ciede2000(l, a, b, l + d[0], a + d[1], b + d[2]);
      worst = Math.max(worst, Math.abs(form(l, a, b, d) - ref) / ref);
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it("weigh a small step on the published pair 17 (Sharma, Wu and Dalal 2005) as CIEDE2000 does", () => {
    // Pair 17: L 50, a 2.5, b 0 against L 73, a 25, b -18: ΔE2000 27.1492. A 1/1024 step along
    // it, with the weights at the step's centre (CIEDE2000 takes the two colours' means): equal
    // to second order.
    const p = [50, 2.5, 0];
    const q = [73, 25, -18];
    expect(ciede2000(p[0], p[1], p[2], q[0], q[1], q[2])).toBeCloseTo(27.1492, 4);
    const step = q.map((v, i) => (v - p[i]) / 1024);
    const at = p.map((v, i) => v + 512 * step[i]);
    const centre = at.map((v, i) => v + step[i] / 2);
    const exact = ciede2000(at[0], at[1], at[2], at[0] + step[0], at[1] + step[1], at[2] + step[2]);
    expect(Math.abs(form(centre[0], centre[1], centre[2], step) - exact) / exact).toBeLessThan(1e-5);
  });

  it("shrink a* at low chroma (G), rotate in the blue region (RT) and stay positive definite", () => {
    expect(weights2000(50, 0, 0).ga).toBeCloseTo(1.5, 12);
    expect(weights2000(50, 200, 0).ga).toBeLessThan(1.001);
    // Hue about 275 degrees (blue) at high chroma: RT near its extreme, -2 sin 60 degrees.
    const blue = weights2000(40, 2, -80);
    expect(blue.rt).toBeLessThan(-1.5);
    expect(Math.abs(blue.rt)).toBeLessThan(2);
    expect(weights2000(50, 60, 40).rt).toBeCloseTo(0, 3);
  });
});

describe("the ciede2000 head", () => {
  it.each([1, 16])("has the loss's own gradient (central differences, knee %d)", (knee) => {
    const rng = createRng(3);
    const n = 40;
    const unit = 8;
    const size = perceptualTargetSize("ciede2000");
    const targets = new Float64Array(n * size);
    const z = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const [r, g, b] = [rng.int(256), rng.int(256), rng.int(256)];
      writePerceptualTarget(
        "ciede2000",
        targets,
        i * size,
        srgbToLab(r, g, b),
        0.21 * r + 0.72 * g + 0.07 * b,
      );
      z[2 * i] = 2 * (rng.next() - 0.5);
      z[2 * i + 1] = 2 * (rng.next() - 0.5);
    }
    const head = perceptualHead(unit, "ciede2000", knee);
    const batch = { n, targets, x: new Float64Array(0) };
    const dz = new Float64Array(2 * n);
    head.loss(z, batch, dz);
    const scratch = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) {
      const h = 1e-6;
      const zp = Float64Array.from(z);
      const zm = Float64Array.from(z);
      zp[i] += h;
      zm[i] -= h;
      const fd = (head.loss(zp, batch, scratch) - head.loss(zm, batch, scratch)) / (2 * h);
      expect(Math.abs(fd - dz[i])).toBeLessThan(1e-6 * Math.max(1e-3, Math.abs(fd)));
    }
  });

  it("costs a row sqrt(d^2 + knee^2) - knee for its distance d: about d^2 / (2 knee) for a large knee", () => {
    const lab = srgbToLab(200, 60, 40);
    const t = new Float64Array(perceptualTargetSize("ciede2000"));
    writePerceptualTarget("ciede2000", t, 0, lab, 0.21 * 200 + 0.72 * 60 + 0.07 * 40);
    const batch = { n: 1, targets: t, x: new Float64Array(0) };
    const z = Float64Array.from([-0.4, 0.3]);
    const cost = (knee: number) => perceptualHead(8, "ciede2000", knee).loss(z, batch, new Float64Array(2));
    // The distance from the default knee's cost: sqrt(d^2 + 1) - 1.
    const d = Math.sqrt((cost(1) + 1) ** 2 - 1);
    expect(d).toBeGreaterThan(5);
    expect(cost(16)).toBeCloseTo(Math.sqrt(d * d + 256) - 16, 10);
    expect(cost(1e4) / ((d * d) / 2e4)).toBeCloseTo(1, 3);
    expect(() => perceptualHead(8, "ciede2000", 0)).toThrow(RangeError);
  });

  it("scores a colour by CIEDE2000 where CIE94 differs from it", () => {
    // A low-chroma true colour and an error along a*: CIEDE2000 weighs it by 1 + G (about 1.5).
    const lab = srgbToLab(128, 128, 128);
    const row = (formula: "cie94" | "ciede2000") => {
      const t = new Float64Array(perceptualTargetSize(formula));
      writePerceptualTarget(formula, t, 0, lab, 128);
      return { n: 1, targets: t, x: new Float64Array(0) };
    };
    const z = Float64Array.from([0.5, 0]);
    const e2000 = perceptualHead(8, "ciede2000").loss(z, row("ciede2000"), new Float64Array(2));
    const e94 = perceptualHead(8, "cie94").loss(z, row("cie94"), new Float64Array(2));
    expect(e2000).toBeGreaterThan(1.2 * e94);
  });
});
