import { describe, expect, it } from "vitest";
import { grayOf } from "../gray.js";
import { createRng } from "../prng.js";
import { onGrayPlane } from "./luminance.js";

describe("onGrayPlane", () => {
  it("leaves a colour alone when it already has the gray", () => {
    const out = new Uint8Array(3);
    onGrayPlane(200, 100, 50, grayOf(200, 100, 50), out, 0);
    expect(Array.from(out)).toEqual([200, 100, 50]);
  });
  it("shifts along (1, 1, 1) to the gray, then scales chroma into the cube", () => {
    const out = new Uint8Array(3);
    // (110, 100, 100) has gray 102.1; shifted to gray 100 it is (107.9, 97.9, 97.9).
    onGrayPlane(110, 100, 100, 100, out, 0);
    expect(Array.from(out)).toEqual([108, 98, 98]);
    // Pure red at gray 250: chroma (+x, -y, -y) runs out of room above 255 first.
    onGrayPlane(400, 0, 0, 250, out, 0);
    expect(out[0]).toBe(255);
    expect(Math.abs(grayOf(out[0], out[1], out[2]) - 250)).toBeLessThanOrEqual(0.5);
  });
  it("keeps every result's gray within half a step of the target", () => {
    const rng = createRng(7);
    const out = new Uint8Array(3);
    for (let t = 0; t < 2000; t++) {
      const gray = rng.next() * 255;
      onGrayPlane(rng.normal() * 300, rng.normal() * 300, rng.normal() * 300, gray, out, 0);
      expect(Math.abs(grayOf(out[0], out[1], out[2]) - gray)).toBeLessThanOrEqual(0.5);
    }
  });
  it("paints a neutral guess exactly neutral", () => {
    const out = new Uint8Array(3);
    onGrayPlane(0, 0, 0, 77.4, out, 0);
    expect(Array.from(out)).toEqual([77, 77, 77]);
  });
});
