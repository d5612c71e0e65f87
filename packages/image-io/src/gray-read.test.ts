import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng, rgbImage, toGray } from "@colorize/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeImage } from "./decode.js";
import type { ImageError } from "./errors.js";
import { decodeGray, readGray } from "./gray-read.js";
import { encodePng } from "./png-write.js";
import { fixture } from "./testing/fixtures.js";
import { buildPng } from "./testing/png-builder.js";

/** Gray values are compared exactly where the rule gives one rounding, else within this. */
const atol = 1e-9;

const W = 7;
const H = 5;

function samples(count: number, max: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.int(max + 1));
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "image-io-gray-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("decodeGray", () => {
  it("takes an 8-bit gray PNG's samples as they are", () => {
    const s = samples(W * H, 255, 1);
    const r = decodeGray(buildPng({ width: W, height: H, bitDepth: 8, colorType: 0, samples: s }));
    expect([...r.image.data]).toEqual(s);
    expect(r.source).toEqual({ format: "png", channels: "gray", bitDepth: 8, alpha: false });
  });

  it("keeps a 16-bit gray PNG's samples as floats, v / 257, without rounding them to 8 bits", () => {
    const s = [0, 1, 257, 1000, 32768, 65534, 65535, ...samples(W * H - 7, 65535, 2)];
    const r = decodeGray(buildPng({ width: W, height: H, bitDepth: 16, colorType: 0, samples: s }));
    expect([...r.image.data]).toEqual(s.map((v) => v / 257));
    expect(r.image.data[3]).not.toBe(Math.round(r.image.data[3]));
    expect(r.source.bitDepth).toBe(16);
  });

  it("scales 1-, 2- and 4-bit gray to 0..255", () => {
    for (const bitDepth of [1, 2, 4] as const) {
      const max = 2 ** bitDepth - 1;
      const s = samples(W * H, max, bitDepth);
      const r = decodeGray(buildPng({ width: W, height: H, bitDepth, colorType: 0, samples: s }));
      expect([...r.image.data]).toEqual(s.map((v) => (100 * v * 255) / (100 * max)));
    }
  });

  it("takes an 8-bit colour PNG as gray by the formula: the very floats toGray gives", () => {
    const data = Uint8Array.from(samples(W * H * 3, 255, 3));
    const r = decodeGray(encodePng(rgbImage(W, H, data)));
    expect(r.image.data).toEqual(toGray(rgbImage(W, H, data)).data);
    expect(r.source).toEqual({ format: "png", channels: "color", bitDepth: 8, alpha: false });
  });

  it("takes a 16-bit colour PNG as (21 r + 72 g + 7 b) / 25700", () => {
    const s = samples(W * H * 3, 65535, 4);
    const r = decodeGray(buildPng({ width: W, height: H, bitDepth: 16, colorType: 2, samples: s }));
    for (let p = 0; p < W * H; p++) {
      expect(r.image.data[p]).toBe((21 * s[p * 3] + 72 * s[p * 3 + 1] + 7 * s[p * 3 + 2]) / 25700);
    }
  });

  it("composites gray + alpha and RGBA over white, kept as a float", () => {
    const ga = samples(W * H * 2, 255, 5);
    const r = decodeGray(buildPng({ width: W, height: H, bitDepth: 8, colorType: 4, samples: ga }));
    for (let p = 0; p < W * H; p++) {
      const [v, a] = [ga[p * 2], ga[p * 2 + 1]];
      expect(Math.abs(r.image.data[p] - 255 * ((v / 255) * (a / 255) + 1 - a / 255))).toBeLessThan(atol);
    }
    expect(r.source).toMatchObject({ channels: "gray", alpha: true });
    const rgba = samples(W * H * 4, 65535, 6);
    const c = decodeGray(buildPng({ width: W, height: H, bitDepth: 16, colorType: 6, samples: rgba }));
    for (let p = 0; p < W * H; p++) {
      const a = rgba[p * 4 + 3] / 65535;
      const ch = [0, 1, 2].map((k) => 255 * ((rgba[p * 4 + k] / 65535) * a + 1 - a));
      const want = 0.21 * ch[0] + 0.72 * ch[1] + 0.07 * ch[2];
      expect(Math.abs(c.image.data[p] - want)).toBeLessThan(atol);
    }
    expect(c.source).toMatchObject({ channels: "color", alpha: true, bitDepth: 16 });
  });

  it("reads a palette PNG by its colours", () => {
    const palette = [10, 20, 30, 200, 100, 50, 0, 255, 0];
    const s = samples(W * H, 2, 7);
    const r = decodeGray(buildPng({ width: W, height: H, bitDepth: 8, colorType: 3, samples: s, palette }));
    const want = s.map((i) => (21 * palette[i * 3] + 72 * palette[i * 3 + 1] + 7 * palette[i * 3 + 2]) / 100);
    expect([...r.image.data]).toEqual(want);
    expect(r.source.channels).toBe("color");
  });

  it("reads a one-component JPEG as gray and a colour JPEG by the formula", () => {
    const gray = decodeGray(fixture("gray.jpg"));
    const rgb = decodeImage(fixture("gray.jpg"));
    expect(gray.source).toEqual({ format: "jpeg", channels: "gray", bitDepth: 8, alpha: false });
    expect([...gray.image.data]).toEqual([...toGray(rgb).data]);
    for (let p = 0; p < 32 * 32; p++) expect(gray.image.data[p]).toBe(rgb.data[p * 3]);
    const color = decodeGray(fixture("base.jpg"));
    expect(color.source.channels).toBe("color");
    expect(color.image.data).toEqual(toGray(decodeImage(fixture("base.jpg"))).data);
  });

  it("refuses what decodeImage refuses, with the same codes, before decoding", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as ImageError).code;
      }
      return "none";
    };
    const png = encodePng(rgbImage(W, H));
    expect(code(() => decodeGray(png, { maxPixels: W * H - 1 }))).toBe("too-large");
    expect(code(() => decodeGray(png, { minWidth: W + 1 }))).toBe("too-small");
    expect(code(() => decodeGray(png.subarray(0, png.length - 20)))).toBe("truncated");
    expect(code(() => decodeGray(new TextEncoder().encode("not an image")))).toBe("not-image");
  });
});

describe("readGray", () => {
  it("reads a file and names it in errors", async () => {
    const path = join(dir, "g.png");
    const s = samples(W * H, 255, 8);
    await writeFile(path, buildPng({ width: W, height: H, bitDepth: 8, colorType: 0, samples: s }));
    expect([...(await readGray(path)).image.data]).toEqual(s);
    const missing = join(dir, "missing.png");
    await expect(readGray(missing)).rejects.toThrow(`${missing}: no such file`);
  });
});
