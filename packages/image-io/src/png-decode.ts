import { inflateSync } from "node:zlib";
import pngjs from "pngjs";
import { compositeOverWhite } from "./composite.js";
import { checkPngDataSize, pngRawBytes } from "./data-bounds.js";
import { firstLine, ImageError } from "./errors.js";
import type { PngHeader } from "./png-header.js";

/** Samples per pixel for each PNG colour type. */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Bit depths the PNG specification allows for each colour type. */
const DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/**
 * Decodes a PNG whose header has been read (and whose size has been checked against the limit) into
 * 8-bit RGB, compositing any alpha over white (see {@link compositeOverWhite}). All colour types and bit
 * depths are supported, with tRNS and Adam7 interlacing. Gamma (gAMA) and colour profiles are ignored:
 * samples are used as stored.
 */
export function decodePng(bytes: Uint8Array, header: PngHeader, name: string): Uint8Array {
  const { rgba, maxSample } = decodePngSamples(bytes, header, name);
  return compositeOverWhite(rgba, header.width * header.height, maxSample);
}

/** The samples of a decoded PNG, before compositing: RGBA as stored, and the largest sample value. */
export interface PngSamples {
  /** `width * height * 4` samples in [0, maxSample], gray and palette expanded to RGBA. */
  readonly rgba: ArrayLike<number>;
  /** 255 for 8-bit samples and palettes, 65535 for 16-bit, 2^d - 1 for d-bit gray. */
  readonly maxSample: number;
}

/**
 * Decodes a PNG whose header has been read into its RGBA samples at their stored depth (nothing
 * rounded, alpha not composited), with the same checks as {@link decodePng}.
 */
export function decodePngSamples(bytes: Uint8Array, header: PngHeader, name: string): PngSamples {
  const { colorType, bitDepth } = header;
  const end = checkPngData(bytes, header, name);
  let decoded: { data: ArrayLike<number> };
  try {
    // skipRescale keeps 16-bit samples whole so that alpha is composited before the single rounding.
    decoded = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, end), { skipRescale: true });
  } catch (error) {
    throw corrupt(name, firstLine(error), error);
  }
  return { rgba: decoded.data, maxSample: colorType === 3 ? 255 : 2 ** bitDepth - 1 };
}

/**
 * Every check of {@link decodePngSamples} short of pngjs itself: colour type and depth, chunks complete
 * up to IEND, and image data that inflates to exactly the size the header implies. Returns the offset
 * just past IEND.
 * @throws ImageError `truncated`, `corrupt`
 */
export function checkPngData(bytes: Uint8Array, header: PngHeader, name: string): number {
  const { width, height, bitDepth, colorType, interlace } = header;
  const channels = CHANNELS[colorType];
  if (channels === undefined || !DEPTHS[colorType]!.includes(bitDepth) || interlace > 1) {
    throw corrupt(name, `colour type ${colorType}, bit depth ${bitDepth}, interlace ${interlace}`);
  }
  const { end, idat } = walkChunks(bytes, name);
  const rawBytes = pngRawBytes(width, height, channels * bitDepth, interlace === 1);
  checkPngDataSize(rawBytes, idatBytes(idat), width, height, name);
  checkImageData(idat, rawBytes, name);
  return end;
}

/**
 * Checks that chunks are complete up to IEND (so a cut file is `truncated` before pngjs sees it) and
 * collects the IDAT payloads. Returns the offset just past IEND: anything after it is ignored.
 */
function walkChunks(bytes: Uint8Array, name: string): { end: number; idat: Uint8Array[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let offset = 8;
  for (;;) {
    if (offset + 8 > bytes.length) throw truncated(name);
    const length = view.getUint32(offset);
    if (length > 0x7fffffff) throw corrupt(name, `chunk length ${length} at byte ${offset}`);
    const next = offset + 12 + length;
    if (next > bytes.length) throw truncated(name);
    const type = String.fromCharCode(
      bytes[offset + 4]!,
      bytes[offset + 5]!,
      bytes[offset + 6]!,
      bytes[offset + 7]!,
    );
    if (type === "IDAT") idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === "IEND") {
      if (idat.length === 0) throw corrupt(name, "no image data");
      return { end: next, idat };
    }
    offset = next;
  }
}

/**
 * pngjs inflates interlaced data without an output cap (a few megabytes of crafted IDAT could expand to
 * gigabytes), and from a stream that ends early it fills the missing rows with uninitialised memory
 * (the same file decoded differently from run to run). Inflate once here with the exact size the
 * header implies as the cap, and require exactly that size.
 */
function checkImageData(idat: Uint8Array[], expected: number, name: string): void {
  let length: number;
  try {
    length = inflateSync(Buffer.concat(idat), { maxOutputLength: expected }).length;
  } catch (error) {
    const tooBig = (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    throw corrupt(name, tooBig ? "image data is larger than its header says" : firstLine(error), error);
  }
  if (length !== expected) {
    throw corrupt(name, `image data ends after ${length} of the ${expected} bytes its header says`);
  }
}

function idatBytes(idat: readonly Uint8Array[]): number {
  let total = 0;
  for (const part of idat) total += part.length;
  return total;
}

function truncated(name: string): ImageError {
  return new ImageError("truncated", `${name}: truncated PNG (the file ends before the IEND chunk)`);
}

function corrupt(name: string, why: string, cause?: unknown): ImageError {
  return new ImageError("corrupt", `${name}: corrupt PNG (${why})`, { cause });
}
