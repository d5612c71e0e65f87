import { ImageError } from "./errors.js";

/** Default pixel limit (width x height) for decoding: 50 megapixels. */
export const DEFAULT_MAX_PIXELS = 50_000_000;

/**
 * Bytes per pixel that a legitimate file can plausibly need: 16-bit RGBA stored without compression is
 * 8, and a JPEG at the worst quality/noise combination stays well under 16.
 */
const FILE_BYTES_PER_PIXEL = 16;
/** Room for metadata that does not scale with the pixel count (ICC profiles, EXIF, thumbnails). */
const FILE_SLACK_BYTES = 32 * 1024 * 1024;

/** Largest file size, in bytes, accepted for an image within `maxPixels`; larger files are not read. */
export function maxFileBytes(maxPixels: number): number {
  return FILE_BYTES_PER_PIXEL * maxPixels + FILE_SLACK_BYTES;
}

/** Throws a RangeError unless `maxPixels` is a positive finite number. */
export function assertPixelLimit(maxPixels: number): void {
  if (!(maxPixels > 0) || !Number.isFinite(maxPixels)) {
    throw new RangeError(`maxPixels must be a positive number, got ${maxPixels}`);
  }
}

/** Megapixels with at most four significant digits and no exponent: 10000, 50, 1.991. */
export function formatMegapixels(pixels: number): string {
  return String(Number((pixels / 1e6).toPrecision(4)));
}

const LIMIT_HINT = "raise it with --max-megapixels";

/** Throws `too-large` when width x height exceeds `maxPixels`. */
export function checkPixelCount(width: number, height: number, maxPixels: number, name: string): void {
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new ImageError(
      "too-large",
      `${name} is ${width}x${height} (${formatMegapixels(pixels)} megapixels), above the limit of ` +
        `${formatMegapixels(maxPixels)} megapixels; ${LIMIT_HINT}`,
    );
  }
}

/** Throws `too-large` when a file of `size` bytes cannot be an image within `maxPixels`. */
export function checkFileSize(size: number, maxPixels: number, name: string): void {
  if (size > maxFileBytes(maxPixels)) {
    throw new ImageError(
      "too-large",
      `${name} is ${formatMegabytes(size)} MB, too large for an image within the limit of ` +
        `${formatMegapixels(maxPixels)} megapixels; ${LIMIT_HINT}`,
    );
  }
}

/** Throws `too-small` when the image is narrower than `minWidth` or shorter than `minHeight`. */
export function checkMinimumSize(
  width: number,
  height: number,
  minWidth: number,
  minHeight: number,
  name: string,
): void {
  if (width < minWidth || height < minHeight) {
    throw new ImageError(
      "too-small",
      `${name} is ${width}x${height}, smaller than the minimum of ${minWidth}x${minHeight} pixels`,
    );
  }
}

function formatMegabytes(bytes: number): string {
  return String(Number((bytes / 1e6).toPrecision(4)));
}
