import { deflateSync } from "node:zlib";
import { createRng, rgbImage } from "@colorize/core";
import pngjs from "pngjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeImage } from "./decode.js";
import { pngChunks } from "./fuzz/png-chunks.js";
import { encodePng } from "./png-write.js";
import { codeOf } from "./testing/fixtures.js";
import { assemblePng, buildPng, CHANNELS, chunk, ihdr, type PngSpec } from "./testing/png-builder.js";

const W = 13;
const H = 11;

/** Expected RGB by the documented rule, computed per pixel from the spec's samples in floating point. */
function expectedRgb(spec: PngSpec): Uint8Array {
  const m = spec.colorType === 3 ? 255 : 2 ** spec.bitDepth - 1;
  const ch = CHANNELS[spec.colorType];
  const s = spec.samples;
  const t = spec.transparency;
  const out = new Uint8Array(spec.width * spec.height * 3);
  for (let p = 0; p < spec.width * spec.height; p++) {
    let rgb: number[];
    let a = m;
    if (spec.colorType === 3) {
      const idx = s[p]!;
      rgb = [spec.palette![idx * 3]!, spec.palette![idx * 3 + 1]!, spec.palette![idx * 3 + 2]!];
      if (t !== undefined && idx < t.length) a = t[idx]!;
    } else if (spec.colorType === 0 || spec.colorType === 4) {
      rgb = [s[p * ch]!, s[p * ch]!, s[p * ch]!];
      if (spec.colorType === 4) a = s[p * ch + 1]!;
      else if (t !== undefined && ((t[0]! << 8) | t[1]!) === s[p]) a = 0;
    } else {
      rgb = [s[p * ch]!, s[p * ch + 1]!, s[p * ch + 2]!];
      if (spec.colorType === 6) a = s[p * ch + 3]!;
      else if (t !== undefined && [0, 1, 2].every((c) => ((t[2 * c]! << 8) | t[2 * c + 1]!) === rgb[c]))
        a = 0;
    }
    for (let c = 0; c < 3; c++) out[p * 3 + c] = Math.round(255 * ((rgb[c]! / m) * (a / m) + (1 - a / m)));
  }
  return out;
}

function randomSamples(seed: number, count: number, levels: number): Uint16Array {
  const rng = createRng(seed);
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.int(levels);
  return out;
}

const COMBINATIONS: readonly [PngSpec["colorType"], PngSpec["bitDepth"]][] = [
  [0, 1],
  [0, 2],
  [0, 4],
  [0, 8],
  [0, 16],
  [2, 8],
  [2, 16],
  [3, 1],
  [3, 2],
  [3, 4],
  [3, 8],
  [4, 8],
  [4, 16],
  [6, 8],
  [6, 16],
];

describe("decodeImage on PNG", () => {
  afterEach(() => vi.restoreAllMocks());

  for (const interlace of [false, true]) {
    for (const [colorType, bitDepth] of COMBINATIONS) {
      it(`colour type ${colorType}, ${bitDepth}-bit${interlace ? ", Adam7" : ""}`, () => {
        const seed = colorType * 100 + bitDepth + (interlace ? 1000 : 0);
        const entries = colorType === 3 ? Math.min(2 ** bitDepth, 200) : 0;
        const spec: PngSpec = {
          width: W,
          height: H,
          bitDepth,
          colorType,
          interlace,
          samples: randomSamples(
            seed,
            W * H * CHANNELS[colorType],
            colorType === 3 ? entries : 2 ** bitDepth,
          ),
          ...(colorType === 3
            ? {
                palette: randomSamples(seed + 1, entries * 3, 256),
                // Shorter than the palette: the remaining entries are opaque.
                transparency: Uint8Array.from(randomSamples(seed + 2, Math.max(1, entries >> 1), 256)),
              }
            : {}),
        };
        const image = decodeImage(buildPng(spec));
        expect([image.width, image.height]).toEqual([W, H]);
        expect(Array.from(image.data)).toEqual(Array.from(expectedRgb(spec)));
      });
    }
  }

  it("gray and RGB tRNS colours become white, other colours stay opaque", () => {
    const graySamples = randomSamples(11, W * H, 4).map((v) => v * 1000);
    const gray: PngSpec = {
      width: W,
      height: H,
      bitDepth: 16,
      colorType: 0,
      samples: graySamples,
      transparency: Uint8Array.of(2000 >> 8, 2000 & 0xff),
    };
    const grayImage = decodeImage(buildPng(gray));
    expect(Array.from(grayImage.data)).toEqual(Array.from(expectedRgb(gray)));
    const transparent = graySamples.filter((v) => v === 2000).length;
    expect(transparent).toBeGreaterThan(0);
    expect(grayImage.data.filter((v) => v === 255).length).toBe(3 * transparent);

    const rgb: PngSpec = {
      width: W,
      height: H,
      bitDepth: 8,
      colorType: 2,
      samples: randomSamples(12, W * H * 3, 2).map((v) => v * 9),
      transparency: Uint8Array.of(0, 9, 0, 0, 0, 9),
    };
    expect(Array.from(decodeImage(buildPng(rgb)).data)).toEqual(Array.from(expectedRgb(rgb)));
  });

  it("opaque 16-bit agrees with pngjs's own rescaling, floor(v*255/65535 + 0.5)", () => {
    const spec: PngSpec = {
      width: W,
      height: H,
      bitDepth: 16,
      colorType: 2,
      samples: randomSamples(5, W * H * 3, 65536),
    };
    const bytes = buildPng(spec);
    const rescaled = pngjs.PNG.sync.read(Buffer.from(bytes)).data;
    const ours = decodeImage(bytes).data;
    for (let p = 0; p < W * H; p++) {
      for (let c = 0; c < 3; c++) expect(ours[p * 3 + c]).toBe(rescaled[p * 4 + c]);
    }
  });

  it("round-trips what encodePng writes", () => {
    const image = rgbImage(7, 5, Uint8Array.from(randomSamples(3, 7 * 5 * 3, 256)));
    expect(decodeImage(encodePng(image))).toEqual(image);
  });

  it("ignores bytes after IEND", () => {
    const image = rgbImage(3, 2, Uint8Array.from(randomSamples(4, 18, 256)));
    const bytes = encodePng(image);
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes);
    expect(decodeImage(padded)).toEqual(image);
  });

  it("every strict prefix of a PNG is truncated, and pngjs never sees one", () => {
    const read = vi.spyOn(pngjs.PNG.sync, "read");
    const bytes = encodePng(rgbImage(5, 4, Uint8Array.from(randomSamples(6, 60, 256))));
    const codes = new Set<string>();
    for (let n = 1; n < bytes.length; n++) codes.add(codeOf(() => decodeImage(bytes.subarray(0, n))));
    expect([...codes]).toEqual(["ImageError:truncated"]);
    expect(read).not.toHaveBeenCalled();
    decodeImage(bytes);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("a 40x30 PNG cut in half names the file in a one-line message", () => {
    const bytes = encodePng(rgbImage(40, 30, Uint8Array.from(randomSamples(8, 3600, 256))));
    expect(() => decodeImage(bytes.subarray(0, bytes.length >> 1), { name: "cut.png" })).toThrow(
      "cut.png: truncated PNG (the file ends before the IEND chunk)",
    );
  });

  it("corrupt data gives code corrupt: bad CRC, missing IDAT, bad depth, unknown critical chunk", () => {
    const good = encodePng(rgbImage(4, 4, Uint8Array.from(randomSamples(9, 48, 256))));
    const badCrc = good.slice();
    badCrc[40] ^= 0xff; // inside the IDAT payload
    expect(codeOf(() => decodeImage(badCrc))).toBe("ImageError:corrupt");
    expect(codeOf(() => decodeImage(assemblePng([ihdr(4, 4, 8, 2), chunk("IEND")])))).toBe(
      "ImageError:corrupt",
    );
    const idat = chunk("IDAT", deflateSync(new Uint8Array(4 * 13)));
    expect(codeOf(() => decodeImage(assemblePng([ihdr(4, 4, 16, 3), idat, chunk("IEND")])))).toBe(
      "ImageError:corrupt",
    );
    expect(
      codeOf(() => decodeImage(assemblePng([ihdr(4, 4, 8, 2), chunk("ABCD"), idat, chunk("IEND")]))),
    ).toBe("ImageError:corrupt");
  });

  it("refuses interlaced data that inflates beyond the size its header implies, before pngjs", () => {
    const read = vi.spyOn(pngjs.PNG.sync, "read");
    const bomb = chunk("IDAT", deflateSync(new Uint8Array(1 << 20)));
    const bytes = assemblePng([ihdr(4, 4, 8, 0, 1), bomb, chunk("IEND")]);
    expect(() => decodeImage(bytes)).toThrow(
      "image: corrupt PNG (image data is larger than its header says)",
    );
    expect(read).not.toHaveBeenCalled();
  });

  it("a zlib stream that ends early is corrupt, the same every time (pngjs filled the rest from uninitialised memory)", () => {
    const spec: PngSpec = {
      width: 19,
      height: 11,
      bitDepth: 16,
      colorType: 2,
      samples: randomSamples(3, 19 * 11 * 3, 65536),
    };
    const raw = new Uint8Array(11 * (1 + 19 * 6)); // filter None (0) rows of zeros
    const short = assemblePng([
      ihdr(19, 11, 16, 2),
      chunk("IDAT", deflateSync(raw.subarray(0, 500))),
      chunk("IEND"),
    ]);
    expect(() => decodeImage(short)).toThrow(
      "image: corrupt PNG (image data ends after 500 of the 1265 bytes its header says)",
    );
    // The fuzzer's case: one of the two IDAT chunks dropped leaves a zlib stream without its start or end.
    const whole = buildPng(spec);
    const idats = pngChunks(whole).filter((c) => c.type === "IDAT");
    const cuts = idats.map((c) => Uint8Array.from([...whole.subarray(0, c.start), ...whole.subarray(c.end)]));
    const outcomes = new Set<string>();
    for (let trial = 0; trial < 20; trial++) {
      for (const cut of cuts) outcomes.add(codeOf(() => decodeImage(cut)));
      Buffer.allocUnsafe(1 << 16).fill(trial);
    }
    expect([...outcomes]).toEqual(["ImageError:corrupt"]);
  });

  it("random byte damage never escapes as anything but an ImageError", () => {
    const good = encodePng(rgbImage(16, 16, Uint8Array.from(randomSamples(10, 768, 256))));
    const rng = createRng(99);
    for (let trial = 0; trial < 200; trial++) {
      const bad = good.slice();
      bad[8 + rng.int(bad.length - 8)] = rng.int(256);
      const code = codeOf(() => decodeImage(bad));
      expect(code === "no error" || code.startsWith("ImageError:")).toBe(true);
    }
  });
});
