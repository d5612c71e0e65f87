import type { GrayImage } from "@colorize/core";
import type { DecodeOptions } from "./decode.js";
import { decodeJpeg } from "./jpeg-decode.js";
import { readJpegStructure } from "./jpeg-structure.js";
import { assertPixelLimit, checkMinimumSize, checkPixelCount, DEFAULT_MAX_PIXELS } from "./limits.js";
import { decodePngSamples } from "./png-decode.js";
import { readPngHeader } from "./png-header.js";
import { type ImageFormat, probeImage } from "./probe.js";
import { type ReadOptions, readImageFile } from "./read.js";

/** What a gray reading was made from. */
export interface GraySource {
  readonly format: ImageFormat;
  /**
   * `gray`: one stored channel (PNG gray or gray + alpha, a one-component JPEG), used as it is;
   * `color`: RGB, palette or CMYK samples, taken as gray by 0.21 r + 0.72 g + 0.07 b.
   */
  readonly channels: "gray" | "color";
  /** Bits per stored sample (8 for every JPEG; 1 to 16 for PNG). */
  readonly bitDepth: number;
  /** Whether any pixel was not opaque (it was composited over white first). */
  readonly alpha: boolean;
}

/** A photograph read as gray: float64 luminance in [0, 255], never rounded, and what it came from. */
export interface GrayRead {
  readonly image: GrayImage;
  readonly source: GraySource;
}

/**
 * Gray of each pixel of RGBA samples whose largest value is `maxSample` (M), on the 0..255 scale
 * of 8-bit gray: with n = 21 r + 72 g + 7 b, an opaque pixel has gray n * 255 / (100 M), which for
 * 8-bit samples is n / 100, the very float `toGray` gives for an 8-bit RGB pixel, and for one gray
 * channel v is v * 255 / M (v itself at 8 bits, v / 257 at 16). A pixel with alpha a is first
 * composited over white in exact arithmetic, n a + 100 M (M - a), as `compositeOverWhite` does,
 * but kept as a float instead of rounded to 8 bits.
 */
export function grayOfSamples(rgba: ArrayLike<number>, pixelCount: number, maxSample: number): Float64Array {
  const out = new Float64Array(pixelCount);
  const m = maxSample;
  const opaque = 100 * m;
  const blended = 100 * m * m;
  // Below 2^53 the numerator times 255 is an exact integer: one rounding, in the division.
  const exact = 255 * blended <= Number.MAX_SAFE_INTEGER;
  for (let p = 0, i = 0; p < pixelCount; p++, i += 4) {
    const n = 21 * rgba[i]! + 72 * rgba[i + 1]! + 7 * rgba[i + 2]!;
    const a = rgba[i + 3]!;
    if (a === m) out[p] = m === 255 ? n / 100 : (n * 255) / opaque;
    else {
      const num = n * a + opaque * (m - a);
      out[p] = exact ? (num * 255) / blended : (num / blended) * 255;
    }
  }
  return out;
}

function hasAlpha(rgba: ArrayLike<number>, pixelCount: number, maxSample: number): boolean {
  for (let i = 3; i < pixelCount * 4; i += 4) if (rgba[i] !== maxSample) return true;
  return false;
}

/**
 * Decodes a PNG or JPEG file's bytes as a gray photograph (see {@link GraySource} for how each kind
 * of file becomes gray). The header is probed first and an image above `maxPixels` (or below the
 * minimum size) is refused before any decoder runs.
 *
 * @throws ImageError with the codes of `decodeImage`
 */
export function decodeGray(bytes: Uint8Array, options: DecodeOptions = {}): GrayRead {
  const { maxPixels = DEFAULT_MAX_PIXELS, minWidth = 1, minHeight = 1, name = "image" } = options;
  assertPixelLimit(maxPixels);
  const info = probeImage(bytes, name);
  const { width, height } = info;
  checkPixelCount(width, height, maxPixels, name);
  checkMinimumSize(width, height, minWidth, minHeight, name);
  options.beforeDecode?.(info);
  const n = width * height;
  if (info.format === "png") {
    const header = readPngHeader(bytes, name);
    const { rgba, maxSample } = decodePngSamples(bytes, header, name);
    const channels = header.colorType === 0 || header.colorType === 4 ? "gray" : "color";
    return {
      image: { width, height, data: grayOfSamples(rgba, n, maxSample) },
      source: { format: "png", channels, bitDepth: header.bitDepth, alpha: hasAlpha(rgba, n, maxSample) },
    };
  }
  const structure = readJpegStructure(bytes, name);
  const rgb = decodeJpeg(bytes, structure, maxPixels, name);
  const gray = new Float64Array(n);
  for (let p = 0, i = 0; p < n; p++, i += 3) gray[p] = (21 * rgb[i] + 72 * rgb[i + 1] + 7 * rgb[i + 2]) / 100;
  return {
    image: { width, height, data: gray },
    source: {
      format: "jpeg",
      channels: structure.componentIds.length === 1 ? "gray" : "color",
      bitDepth: 8,
      alpha: false,
    },
  };
}

/**
 * Reads a PNG or JPEG file as a gray photograph, with the file checks of `readImage` and the
 * decoding of {@link decodeGray}.
 *
 * @throws ImageError with the codes of `readImage`
 */
export async function readGray(path: string, options: ReadOptions = {}): Promise<GrayRead> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const bytes = await readImageFile(path, maxPixels);
  return decodeGray(bytes, { ...options, maxPixels, name: path });
}
