import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { ciede2000 } from "./ciede2000.js";

// Published ΔE00 values are rounded to 4 decimals.
const atol = 1e-4;

/**
 * The 34 pairs of Sharma, Wu & Dalal (2005), Table 1: [L1, a1, b1, L2, a2, b2, ΔE00]. Pairs 9-16
 * probe the hue-mean and hue-difference branches near 180° apart; 1-6 the chroma correction.
 */
const SHARMA: readonly (readonly number[])[] = [
  [50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425],
  [50.0, 3.1571, -77.2803, 50.0, 0.0, -82.7485, 2.8615],
  [50.0, 2.8361, -74.02, 50.0, 0.0, -82.7485, 3.4412],
  [50.0, -1.3802, -84.2814, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -1.1848, -84.8006, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -0.9009, -85.5211, 50.0, 0.0, -82.7485, 1.0],
  [50.0, 0.0, 0.0, 50.0, -1.0, 2.0, 2.3669],
  [50.0, -1.0, 2.0, 50.0, 0.0, 0.0, 2.3669],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0009, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.001, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0011, 7.2195],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0012, 7.2195],
  [50.0, -0.001, 2.49, 50.0, 0.0009, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.001, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.0011, -2.49, 4.7461],
  [50.0, 2.5, 0.0, 50.0, 0.0, -2.5, 4.3065],
  [50.0, 2.5, 0.0, 73.0, 25.0, -18.0, 27.1492],
  [50.0, 2.5, 0.0, 61.0, -5.0, 29.0, 22.8977],
  [50.0, 2.5, 0.0, 56.0, -27.0, -3.0, 31.903],
  [50.0, 2.5, 0.0, 58.0, 24.0, 15.0, 19.4535],
  [50.0, 2.5, 0.0, 50.0, 3.1736, 0.5854, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2972, 0.0, 1.0],
  [50.0, 2.5, 0.0, 50.0, 1.8634, 0.5757, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2592, 0.335, 1.0],
  [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
  [63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.263],
  [61.2901, 3.7196, -5.3901, 61.4292, 2.248, -4.962, 1.8731],
  [35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
  [22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
  [36.4612, 47.858, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
  [90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
  [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
  [6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
  [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
];

/** The formula as the paper writes it: degrees, four separate cosines, Math.pow. */
function slowCiede2000(L1: number, a1: number, b1: number, L2: number, a2: number, b2: number): number {
  const rad = Math.PI / 180;
  const hue = (b: number, a: number) => {
    if (a === 0 && b === 0) return 0;
    const h = Math.atan2(b, a) / rad;
    return h < 0 ? h + 360 : h;
  };
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  let dhp = 0;
  if (c1p * c2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin((dhp / 2) * rad);
  let hBar = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hBar /= 2;
    else if (h1p + h2p < 360) hBar = (hBar + 360) / 2;
    else hBar = (hBar - 360) / 2;
  }
  const lBar = (L1 + L2) / 2;
  const cBarP = (c1p + c2p) / 2;
  const t =
    1 -
    0.17 * Math.cos((hBar - 30) * rad) +
    0.24 * Math.cos(2 * hBar * rad) +
    0.32 * Math.cos((3 * hBar + 6) * rad) -
    0.2 * Math.cos((4 * hBar - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hBar - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const sL = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sC = 1 + 0.045 * cBarP;
  const sH = 1 + 0.015 * cBarP * t;
  const rT = -Math.sin(2 * dTheta * rad) * rC;
  const l = (L2 - L1) / sL;
  const c = (c2p - c1p) / sC;
  const h = dHp / sH;
  return Math.sqrt(l * l + c * c + h * h + rT * c * h);
}

describe("ciede2000", () => {
  it("has the 34 published pairs", () => {
    expect(SHARMA.length).toBe(34);
  });

  it.each(SHARMA.map((row, i) => [i + 1, row] as const))("reproduces Sharma pair %i", (_, row) => {
    const [L1, a1, b1, L2, a2, b2, expected] = row;
    expect(Math.abs(ciede2000(L1, a1, b1, L2, a2, b2) - expected)).toBeLessThanOrEqual(atol);
  });

  it("matches the formula written out in degrees on random pairs", () => {
    const rtol = 1e-10;
    const rng = createRng(2000);
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const lab = [100 * rng.next(), 256 * rng.next() - 128, 256 * rng.next() - 128];
      // Half the pairs are near neighbours, where JND-sized differences live.
      const near = rng.next() < 0.5;
      const other = near
        ? [lab[0] + rng.normal(), lab[1] + rng.normal(), lab[2] + rng.normal()]
        : [100 * rng.next(), 256 * rng.next() - 128, 256 * rng.next() - 128];
      const fast = ciede2000(lab[0], lab[1], lab[2], other[0], other[1], other[2]);
      const slow = slowCiede2000(lab[0], lab[1], lab[2], other[0], other[1], other[2]);
      worst = Math.max(worst, Math.abs(fast - slow) / Math.max(1e-3, slow));
    }
    expect(worst).toBeLessThanOrEqual(rtol);
  });

  it("is symmetric on every pair", () => {
    const rtol = 1e-12;
    for (const [L1, a1, b1, L2, a2, b2] of SHARMA) {
      const forward = ciede2000(L1, a1, b1, L2, a2, b2);
      const backward = ciede2000(L2, a2, b2, L1, a1, b1);
      expect(Math.abs(forward - backward)).toBeLessThanOrEqual(rtol * forward);
    }
  });

  it("is zero for equal colours and the plain lightness difference on the neutral axis at L=50", () => {
    expect(ciede2000(40, 12, -30, 40, 12, -30)).toBe(0);
    // Neutral colours with mean L* = 50: S_L = 1 and no chroma or hue terms, so ΔE00 = ΔL*.
    expect(Math.abs(ciede2000(45, 0, 0, 55, 0, 0) - 10)).toBeLessThanOrEqual(1e-12);
  });
});
