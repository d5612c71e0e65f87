import { describe, expect, it } from "vitest";
import {
  CIE_EPSILON,
  CIE_KAPPA,
  D65_WHITE,
  labPixels,
  SRGB_TO_XYZ,
  srgbLinearTable,
  srgbToLab,
} from "./color.js";

// Published values are quoted to 4 decimals.
const atolPublished = 6e-5;
const atol = 1e-12;

function expectLab(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  for (let i = 0; i < 3; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol);
}

describe("srgbToLab", () => {
  it("matches published sRGB (D65) -> CIELAB conversions", () => {
    const cases: [number, number, number, number, number, number][] = [
      [255, 255, 255, 100, 0, 0],
      [255, 0, 0, 53.2408, 80.0925, 67.2032],
      [0, 255, 0, 87.7347, -86.1827, 83.1793],
      [0, 0, 255, 32.297, 79.1875, -107.8602],
      [0, 255, 255, 91.1132, -48.0875, -14.1312],
      [255, 0, 255, 60.3242, 98.2343, -60.8249],
      [128, 128, 128, 53.585, 0, 0],
    ];
    for (const [r, g, b, L, A, B] of cases) expectLab(srgbToLab(r, g, b), [L, A, B], atolPublished);
  });

  it("maps black to the origin", () => {
    expect(srgbToLab(0, 0, 0)).toEqual([0, 0, 0]);
  });

  it("uses the linear branches of both the sRGB curve and CIELAB f near black", () => {
    // (1,1,1): linear light 1/255/12.92, well under epsilon, so L* = kappa * Y and a* = b* = 0.
    const y = 1 / 255 / 12.92;
    expect(y).toBeLessThan(CIE_EPSILON);
    expectLab(srgbToLab(1, 1, 1), [CIE_KAPPA * y, 0, 0], 1e-6);
  });

  it("keeps the matrix consistent with the reference white", () => {
    for (let row = 0; row < 3; row++) {
      const sum = SRGB_TO_XYZ[3 * row] + SRGB_TO_XYZ[3 * row + 1] + SRGB_TO_XYZ[3 * row + 2];
      expect(Math.abs(sum - D65_WHITE[row])).toBeLessThanOrEqual(1.5e-7);
    }
  });
});

describe("srgbLinearTable", () => {
  it("follows the IEC 61966-2-1 curve on both sides of the knee and is cached", () => {
    const t = srgbLinearTable();
    expect(t.length).toBe(256);
    expect(t[0]).toBe(0);
    expect(Math.abs(t[255] - 1)).toBeLessThanOrEqual(atol);
    expect(Math.abs(t[10] - 10 / 255 / 12.92)).toBeLessThanOrEqual(atol);
    expect(Math.abs(t[11] - ((11 / 255 + 0.055) / 1.055) ** 2.4)).toBeLessThanOrEqual(atol);
    expect(Math.abs(t[128] - 0.2158605001138992)).toBeLessThanOrEqual(atol);
    for (let v = 1; v < 256; v++) expect(t[v]).toBeGreaterThan(t[v - 1]);
    expect(srgbLinearTable()).toBe(t);
  });
});

describe("labPixels", () => {
  it("converts every pixel in order", () => {
    const lab = labPixels(new Uint8Array([255, 0, 0, 0, 0, 0, 128, 128, 128]));
    expect(lab.length).toBe(9);
    expectLab(lab.subarray(0, 3), srgbToLab(255, 0, 0), 0);
    expectLab(lab.subarray(3, 6), [0, 0, 0], 0);
    expectLab(lab.subarray(6, 9), srgbToLab(128, 128, 128), 0);
  });
});
