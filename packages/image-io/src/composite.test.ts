import { createRng } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { compositeOverWhite } from "./composite.js";

/** The documented formula evaluated in floating point, one pixel at a time. */
function reference(c: number, a: number, m: number): number {
  return Math.round(255 * ((c / m) * (a / m) + (1 - a / m)));
}

describe("compositeOverWhite", () => {
  it("matches round(c*a/255 + 255*(1 - a/255)) for every 8-bit colour and alpha", () => {
    const rgba = new Uint8Array(256 * 256 * 4);
    for (let c = 0; c < 256; c++) {
      for (let a = 0; a < 256; a++) rgba.set([c, 255 - c, c >> 1, a], (c * 256 + a) * 4);
    }
    const out = compositeOverWhite(rgba, 256 * 256, 255);
    let mismatches = 0;
    for (let c = 0; c < 256; c++) {
      for (let a = 0; a < 256; a++) {
        const o = (c * 256 + a) * 3;
        const want = [c, 255 - c, c >> 1].map((v) => Math.round((v * a) / 255 + 255 * (1 - a / 255)));
        if (out[o] !== want[0] || out[o + 1] !== want[1] || out[o + 2] !== want[2]) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it("hand-worked 8-bit cases", () => {
    // a=0 gives white; a=255 keeps the colour; c=0, a=128: 255*(127/255) = 127.
    const out = compositeOverWhite(Uint8Array.of(10, 20, 30, 0, 10, 20, 30, 255, 0, 0, 255, 128), 3, 255);
    expect(Array.from(out)).toEqual([255, 255, 255, 10, 20, 30, 127, 127, 255]);
  });

  it("reduces opaque 16-bit samples to round(v*255/65535) = round(v/257) for all 65536 values", () => {
    const rgba = new Uint16Array(65536 * 4);
    for (let v = 0; v < 65536; v++) rgba.set([v, v, 65535 - v, 65535], v * 4);
    const out = compositeOverWhite(rgba, 65536, 65535);
    let mismatches = 0;
    for (let v = 0; v < 65536; v++) {
      if (out[v * 3] !== Math.round(v / 257) || out[v * 3 + 2] !== Math.round((65535 - v) / 257))
        mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("composites 16-bit colour and alpha before rounding once", () => {
    const rng = createRng(7);
    const n = 20000;
    const rgba = new Uint16Array(n * 4);
    for (let i = 0; i < n * 4; i++) rgba[i] = rng.int(65536);
    const out = compositeOverWhite(rgba, n, 65535);
    let mismatches = 0;
    for (let p = 0; p < n; p++) {
      for (let ch = 0; ch < 3; ch++) {
        if (out[p * 3 + ch] !== reference(rgba[p * 4 + ch]!, rgba[p * 4 + 3]!, 65535)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    // c = 0, a = 32768 (just over half): 255 * 32767/65535 = 127.498..., so 127.
    expect(Array.from(compositeOverWhite(Uint16Array.of(0, 0, 0, 32768), 1, 65535))).toEqual([127, 127, 127]);
  });

  it("scales low bit depths by 255 / (2^d - 1)", () => {
    // 2-bit gray: 0, 1, 2, 3 -> 0, 85, 170, 255; alpha is the same maximum.
    const out = compositeOverWhite(Uint8Array.of(0, 0, 0, 3, 1, 1, 1, 3, 2, 2, 2, 3, 3, 3, 3, 3), 4, 3);
    expect(Array.from(out)).toEqual([0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255]);
  });
});
