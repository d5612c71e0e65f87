import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { ssim } from "./ssim.js";

const rtol = 1e-12;

/** Direct SSIM: every 7x7 window summed pixel by pixel, the formula exactly as scikit-image writes it. */
function slowSsim(a: Uint8Array, b: Uint8Array, width: number, height: number, channels: number): number {
  const np = 49;
  const covNorm = np / (np - 1);
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let channelSum = 0;
  for (let ch = 0; ch < channels; ch++) {
    let total = 0;
    let count = 0;
    for (let r = 3; r < height - 3; r++) {
      for (let c = 3; c < width - 3; c++) {
        let sx = 0;
        let sy = 0;
        let sxx = 0;
        let syy = 0;
        let sxy = 0;
        for (let dr = -3; dr <= 3; dr++) {
          for (let dc = -3; dc <= 3; dc++) {
            const p = ((r + dr) * width + (c + dc)) * channels + ch;
            sx += a[p];
            sy += b[p];
            sxx += a[p] * a[p];
            syy += b[p] * b[p];
            sxy += a[p] * b[p];
          }
        }
        const ux = sx / np;
        const uy = sy / np;
        const vx = covNorm * (sxx / np - ux * ux);
        const vy = covNorm * (syy / np - uy * uy);
        const vxy = covNorm * (sxy / np - ux * uy);
        total += ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
        count++;
      }
    }
    channelSum += total / count;
  }
  return channelSum / channels;
}

function randomImage(seed: number, size: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.int(256);
  return out;
}

/** An image from a formula, the same one used to compute the reference values below. */
function formulaImage(
  width: number,
  height: number,
  f: (x: number, y: number, c: number) => number,
): Uint8Array {
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = f(x, y, c) % 256;
  }
  return out;
}

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(expected)));
}

describe("ssim", () => {
  it("matches the direct window-by-window computation on random images", () => {
    const shapes: [number, number][] = [
      [7, 7],
      [23, 17],
      [40, 9],
      [8, 31],
    ];
    let seed = 1;
    for (const [w, h] of shapes) {
      const a = randomImage(seed++, w * h * 3);
      const b = randomImage(seed++, w * h * 3);
      // A noisy copy as well, so the comparison also covers SSIM values near 1.
      const near = a.map((v, i) => Math.min(255, v + (b[i] & 7)));
      expectClose(ssim(a, b, w, h), slowSsim(a, b, w, h, 3));
      expectClose(ssim(a, near, w, h), slowSsim(a, near, w, h, 3));
    }
  });

  it("matches reference values from scipy.ndimage.uniform_filter, filtered, cropped and averaged as in scikit-image", () => {
    const a = formulaImage(13, 9, (x, y, c) => x * 37 + y * 11 + c * 71 + ((x * y) % 13) * 9);
    const b = formulaImage(13, 9, (x, y, c) => x * 29 + y * 17 + c * 5 + ((x + y * y) % 7) * 20);
    expectClose(ssim(a, b, 13, 9), -0.05798950384492161);
    const a2 = formulaImage(7, 7, (x, y, c) => x * x * 5 + y * 3 + c * 40);
    const b2 = formulaImage(7, 7, (x, y, c) => x * x * 5 + y * 3 + c * 40 + ((x * y) % 5) * 6);
    expectClose(ssim(a2, b2, 7, 7), 0.9398766265804154);
  });

  it("is exactly 1 for an image against itself", () => {
    const a = randomImage(7, 19 * 11 * 3);
    expect(ssim(a, a, 19, 11)).toBe(1);
  });

  it("reduces to the luminance term for two constant images", () => {
    const a = new Uint8Array(9 * 8 * 3).fill(100);
    const b = new Uint8Array(9 * 8 * 3).fill(110);
    const c1 = (0.01 * 255) ** 2;
    // Zero variances leave (2ab + C1)(C2) / ((a² + b² + C1)(C2)).
    expectClose(ssim(a, b, 9, 8), (2 * 100 * 110 + c1) / (100 * 100 + 110 * 110 + c1));
  });

  it("supports a single channel", () => {
    const a = randomImage(11, 12 * 10);
    const b = randomImage(12, 12 * 10);
    expectClose(ssim(a, b, 12, 10, 1), slowSsim(a, b, 12, 10, 1));
  });

  it("refuses images under 7 pixels on a side, and mismatched buffers", () => {
    expect(() => ssim(new Uint8Array(6 * 10 * 3), new Uint8Array(6 * 10 * 3), 6, 10)).toThrow(RangeError);
    expect(() => ssim(new Uint8Array(10 * 6 * 3), new Uint8Array(10 * 6 * 3), 10, 6)).toThrow(/at least 7/);
    expect(() => ssim(new Uint8Array(7 * 7 * 3), new Uint8Array(7 * 7 * 3 - 1), 7, 7)).toThrow(RangeError);
  });
});
