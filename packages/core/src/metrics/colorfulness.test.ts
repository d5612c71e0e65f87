import { describe, expect, it } from "vitest";
import { colorfulness } from "./colorfulness.js";

const rtol = 1e-12;

describe("colorfulness", () => {
  it("is 0 for any gray image", () => {
    expect(colorfulness(new Uint8Array([0, 0, 0, 77, 77, 77, 255, 255, 255]))).toBe(0);
  });

  it("works out a red and a blue pixel by hand", () => {
    // rg = 255, 0 -> μ 127.5, σ 127.5; yb = 127.5, -255 -> μ -63.75, σ 191.25.
    const expected = Math.sqrt(127.5 ** 2 + 191.25 ** 2) + 0.3 * Math.sqrt(127.5 ** 2 + 63.75 ** 2);
    const m = colorfulness(new Uint8Array([255, 0, 0, 0, 0, 255]));
    expect(Math.abs(m - expected)).toBeLessThanOrEqual(rtol * expected);
  });

  it("is the mean term alone for a uniform colour", () => {
    // A single yellow: rg = 0, yb = 255, no spread, so M = 0.3 * 255.
    const m = colorfulness(new Uint8Array([255, 255, 0, 255, 255, 0, 255, 255, 0]));
    expect(Math.abs(m - 0.3 * 255)).toBeLessThanOrEqual(rtol * m);
  });

  it("keeps the opponent values signed: red, green, blue", () => {
    // rg = 255, -255, 0 and yb = 127.5, 127.5, -255: both means 0, variances 43350 and 32512.5.
    const m = colorfulness(new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]));
    expect(Math.abs(m - Math.sqrt(43350 + 32512.5))).toBeLessThanOrEqual(rtol * m);
  });

  it("refuses an empty buffer", () => {
    expect(() => colorfulness(new Uint8Array(0))).toThrow(RangeError);
  });
});
