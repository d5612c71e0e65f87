import { describe, expect, it } from "vitest";
import { labelPixels, paletteFromArray } from "../palette.js";
import { createRng } from "../prng.js";
import { ciede2000 } from "./ciede2000.js";
import { srgbToLab } from "./color.js";
import { colorErrors } from "./color-error.js";
import { colorfulness } from "./colorfulness.js";
import { computeMetrics, METRIC_INFO, type Metrics } from "./metrics.js";
import { ssim } from "./ssim.js";

const rtol = 1e-12;

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(expected)));
}

const blackAndGray = paletteFromArray([
  [0, 0, 0],
  [200, 200, 200],
]);

describe("computeMetrics", () => {
  // Two pixels (2x1). Truth: black, light gray. Prediction: near-black, mid gray (100 is equally far
  // from both palette colours, so it takes the lower label 0).
  const truth = new Uint8Array([0, 0, 0, 190, 190, 190]);
  const pred = new Uint8Array([3, 4, 0, 100, 100, 100]);

  it("works out a two-pixel band by hand", () => {
    const m = computeMetrics(truth, pred, 2, 1, blackAndGray);
    expect(m.labelAccuracy).toBe(0.5);
    // Squared errors 9 + 16 + 0 + 3 * 90² over 6 values.
    expectClose(m.rmse, Math.sqrt((9 + 16 + 3 * 8100) / 6));
    expectClose(m.psnr, 20 * Math.log10(255 / Math.sqrt(24325 / 6)));
    expect(m.ssim).toBeNaN();

    const t0 = srgbToLab(0, 0, 0);
    const p0 = srgbToLab(3, 4, 0);
    const t1 = srgbToLab(190, 190, 190);
    const p1 = srgbToLab(100, 100, 100);
    const de0 = ciede2000(t0[0], t0[1], t0[2], p0[0], p0[1], p0[2]);
    const de1 = ciede2000(t1[0], t1[1], t1[2], p1[0], p1[1], p1[2]);
    expectClose(m.deltaE2000, (de0 + de1) / 2);

    // Pixel 0's ab distance is a few units; the grays differ by well under 1 in (a*, b*).
    const ab0 = Math.hypot(t0[1] - p0[1], t0[2] - p0[2]);
    const ab1 = Math.hypot(t1[1] - p1[1], t1[2] - p1[2]);
    expect(ab0).toBeGreaterThan(1);
    expect(ab1).toBeLessThan(1);
    const passes0 = 151 - Math.ceil(ab0);
    const passes1 = ab1 === 0 ? 151 : 150;
    expectClose(m.aucAb, (passes0 + passes1) / 302);

    // Predicted rg = -1, 0 and yb = 3.5, 0: means -0.5 and 1.75, deviations ±0.5 and ±1.75.
    expectClose(m.colorfulness, 1.3 * Math.sqrt(0.5 ** 2 + 1.75 ** 2));
  });

  it("uses the given predicted labels instead of relabelling the prediction", () => {
    expect(computeMetrics(truth, pred, 2, 1, blackAndGray, new Uint8Array([0, 1])).labelAccuracy).toBe(1);
    expect(computeMetrics(truth, pred, 2, 1, blackAndGray, new Uint8Array([1, 0])).labelAccuracy).toBe(0);
  });

  it("gives perfect scores for a perfect prediction", () => {
    const rng = createRng(3);
    const band = new Uint8Array(8 * 7 * 3);
    for (let i = 0; i < band.length; i++) band[i] = rng.int(256);
    const m = computeMetrics(band, band.slice(), 8, 7, blackAndGray);
    expect(m).toEqual({
      labelAccuracy: 1,
      rmse: 0,
      psnr: Number.POSITIVE_INFINITY,
      ssim: 1,
      deltaE2000: 0,
      aucAb: 1,
      colorfulness: colorfulness(band),
    });
  });

  it("agrees with the single metrics on a random band of at least 7x7", () => {
    const rng = createRng(9);
    const w = 12;
    const h = 9;
    const t = new Uint8Array(w * h * 3);
    const p = new Uint8Array(w * h * 3);
    for (let i = 0; i < t.length; i++) {
      t[i] = rng.int(256);
      p[i] = Math.min(255, Math.max(0, t[i] + rng.int(61) - 30));
    }
    const palette = paletteFromArray([
      [30, 30, 30],
      [220, 40, 40],
      [40, 200, 60],
      [50, 60, 210],
      [230, 230, 230],
    ]);
    const m = computeMetrics(t, p, w, h, palette);
    const errors = colorErrors(t, p);
    const trueLabels = labelPixels(palette, t);
    const predLabels = labelPixels(palette, p);
    let hits = 0;
    for (let i = 0; i < w * h; i++) if (trueLabels[i] === predLabels[i]) hits++;
    expect(hits).toBeGreaterThan(0);
    expect(hits).toBeLessThan(w * h);
    expect(m.labelAccuracy).toBe(hits / (w * h));
    expect(m.ssim).toBe(ssim(t, p, w, h));
    expect(m.deltaE2000).toBe(errors.deltaE2000);
    expect(m.aucAb).toBe(errors.aucAb);
    expect(m.colorfulness).toBe(colorfulness(p));
  });

  it("refuses buffers that do not match the band", () => {
    expect(() => computeMetrics(truth, pred, 3, 1, blackAndGray)).toThrow(RangeError);
    expect(() => computeMetrics(truth, pred.subarray(0, 3), 2, 1, blackAndGray)).toThrow(RangeError);
    expect(() => computeMetrics(truth, pred, 2, 1, blackAndGray, new Uint8Array(1))).toThrow(RangeError);
    expect(() => computeMetrics(new Uint8Array(0), new Uint8Array(0), 0, 1, blackAndGray)).toThrow(
      RangeError,
    );
  });
});

describe("METRIC_INFO", () => {
  it("describes every metric in one sentence", () => {
    const keys: (keyof Metrics)[] = [
      "labelAccuracy",
      "rmse",
      "psnr",
      "ssim",
      "deltaE2000",
      "aucAb",
      "colorfulness",
    ];
    expect(Object.keys(METRIC_INFO).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const info = METRIC_INFO[key];
      expect(info.label.length).toBeGreaterThan(0);
      expect(["higher", "lower"]).toContain(info.better);
      expect(info.description).toMatch(/^[A-Z0-9].*\.$/);
      expect(info.description).not.toContain("\n");
    }
  });
});
