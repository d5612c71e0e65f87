import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { ciede2000 } from "./ciede2000.js";
import { srgbToLab } from "./color.js";
import { abErrorMap, aucAbFromErrors, colorErrors, deltaE2000Map } from "./color-error.js";

const rtol = 1e-12;

function slowDeltaE(truth: Uint8Array, pred: Uint8Array, i: number): number {
  const [L1, a1, b1] = srgbToLab(truth[3 * i], truth[3 * i + 1], truth[3 * i + 2]);
  const [L2, a2, b2] = srgbToLab(pred[3 * i], pred[3 * i + 1], pred[3 * i + 2]);
  return ciede2000(L1, a1, b1, L2, a2, b2);
}

function slowAb(truth: Uint8Array, pred: Uint8Array, i: number): number {
  const t = srgbToLab(truth[3 * i], truth[3 * i + 1], truth[3 * i + 2]);
  const p = srgbToLab(pred[3 * i], pred[3 * i + 1], pred[3 * i + 2]);
  return Math.hypot(t[1] - p[1], t[2] - p[2]);
}

/** The AuC straight from its definition: 151 thresholds, each counting every pixel. */
function slowAuc(dist: ArrayLike<number>): number {
  let total = 0;
  for (let t = 0; t <= 150; t++) {
    let hits = 0;
    for (let i = 0; i < dist.length; i++) if (dist[i] <= t) hits++;
    total += hits / dist.length;
  }
  return total / 151;
}

describe("aucAbFromErrors", () => {
  it("counts a pixel from the first threshold at or above its distance", () => {
    // 0 passes all 151 thresholds; 10.5 passes t = 11..150 (140); 10 passes t = 10..150 (141).
    expect(aucAbFromErrors([0, 10.5])).toBe((151 + 140) / 302);
    expect(aucAbFromErrors([10])).toBe(141 / 151);
    expect(aucAbFromErrors([150])).toBe(1 / 151);
    expect(aucAbFromErrors([150.01, 0])).toBe(0.5);
  });
});

describe("colorErrors", () => {
  it("is zero error and AuC 1 for identical bands", () => {
    const rgb = new Uint8Array([10, 200, 30, 255, 255, 255, 0, 0, 0]);
    expect(colorErrors(rgb, rgb.slice())).toEqual({ deltaE2000: 0, aucAb: 1 });
  });

  it("works out a two-pixel band by hand", () => {
    // Pixel 0 exact; pixel 1 red predicted as a darker red.
    const truth = new Uint8Array([40, 90, 160, 255, 0, 0]);
    const pred = new Uint8Array([40, 90, 160, 200, 30, 20]);
    const d = slowAb(truth, pred, 1);
    const passes = 150 - Math.ceil(d) + 1;
    expect(Math.ceil(d)).toBeLessThan(150);
    const { deltaE2000, aucAb } = colorErrors(truth, pred);
    expect(Math.abs(deltaE2000 - slowDeltaE(truth, pred, 1) / 2)).toBeLessThanOrEqual(rtol * deltaE2000);
    expect(aucAb).toBe((151 + passes) / 302);
  });

  it("gives AuC 1/2 when half the pixels are beyond the largest threshold", () => {
    // Green against magenta: the a* axis alone differs by about 184.
    const truth = new Uint8Array([0, 255, 0, 9, 9, 9]);
    const pred = new Uint8Array([255, 0, 255, 9, 9, 9]);
    expect(slowAb(truth, pred, 0)).toBeGreaterThan(150);
    expect(colorErrors(truth, pred).aucAb).toBe(0.5);
  });

  it("matches per-pixel conversion on a random band with repeated colours", () => {
    const rng = createRng(42);
    const n = 3000;
    const truth = new Uint8Array(3 * n);
    const pred = new Uint8Array(3 * n);
    const paint = [12, 200, 90, 250, 250, 240, 40, 40, 160];
    // Few true levels so colours repeat, as in photographs; predictions mix exact hits, a
    // three-colour painting (the same true colour meets several paints) and free colours.
    for (let i = 0; i < n; i++) {
      for (let ch = 0; ch < 3; ch++) truth[3 * i + ch] = rng.int(6) * 51;
      const u = rng.next();
      const k = rng.int(3);
      for (let ch = 0; ch < 3; ch++) {
        pred[3 * i + ch] = u < 0.2 ? truth[3 * i + ch] : u < 0.7 ? paint[3 * k + ch] : rng.int(256);
      }
    }
    const de = deltaE2000Map(truth, pred);
    const ab = abErrorMap(truth, pred);
    let sum = 0;
    let worstDe = 0;
    let worstAb = 0;
    for (let i = 0; i < n; i++) {
      const slow = slowDeltaE(truth, pred, i);
      worstDe = Math.max(worstDe, Math.abs(de[i] - slow) / Math.max(1, slow));
      worstAb = Math.max(worstAb, Math.abs(ab[i] - slowAb(truth, pred, i)) / Math.max(1, ab[i]));
      sum += slow;
    }
    expect(worstDe).toBeLessThanOrEqual(rtol);
    expect(worstAb).toBeLessThanOrEqual(rtol);
    const summary = colorErrors(truth, pred);
    expect(Math.abs(summary.deltaE2000 - sum / n)).toBeLessThanOrEqual(rtol * summary.deltaE2000);
    expect(Math.abs(summary.aucAb - slowAuc(ab))).toBeLessThanOrEqual(rtol);
  });

  it("refuses mismatched or empty buffers", () => {
    expect(() => colorErrors(new Uint8Array(6), new Uint8Array(3))).toThrow(RangeError);
    expect(() => colorErrors(new Uint8Array(0), new Uint8Array(0))).toThrow(RangeError);
    expect(() => aucAbFromErrors([])).toThrow(RangeError);
  });
});
