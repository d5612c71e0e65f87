import { type RgbImage, rgbImage } from "@colorize/core";
import { decodeJpeg } from "./jpeg-decode.js";
import { readJpegStructure } from "./jpeg-structure.js";
import { assertPixelLimit, checkMinimumSize, checkPixelCount, DEFAULT_MAX_PIXELS } from "./limits.js";
import { decodePng } from "./png-decode.js";
import { readPngHeader } from "./png-header.js";
import { type ImageInfo, probeImage } from "./probe.js";

/** Options of {@link decodeImage}. */
export interface DecodeOptions {
  /** Largest width x height decoded; larger images are refused from their header. Default 50_000_000. */
  readonly maxPixels?: number;
  /** Smallest accepted width in pixels. Default 1. */
  readonly minWidth?: number;
  /** Smallest accepted height in pixels. Default 1. */
  readonly minHeight?: number;
  /** How messages name the image (usually its path). Default "image". */
  readonly name?: string;
  /**
   * Called with the header's format and size once the size limits have passed, before anything is
   * decoded: a caller's own refusal (a memory estimate) throws here.
   */
  readonly beforeDecode?: (info: ImageInfo) => void;
}

/**
 * Decodes a PNG or JPEG file's bytes into 8-bit interleaved RGB. The header is probed first and an image
 * above `maxPixels` (or below the minimum size) is refused before any decoder runs. Alpha is composited
 * over white; 16-bit samples are rounded to 8 bits (see `compositeOverWhite`).
 *
 * @throws ImageError `empty`, `not-image`, `truncated`, `corrupt`, `unsupported`, `too-large`, `too-small`
 */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): RgbImage {
  const { maxPixels = DEFAULT_MAX_PIXELS, minWidth = 1, minHeight = 1, name = "image" } = options;
  assertPixelLimit(maxPixels);
  const info = probeImage(bytes, name);
  checkPixelCount(info.width, info.height, maxPixels, name);
  checkMinimumSize(info.width, info.height, minWidth, minHeight, name);
  options.beforeDecode?.(info);
  const data =
    info.format === "png"
      ? decodePng(bytes, readPngHeader(bytes, name), name)
      : decodeJpeg(bytes, readJpegStructure(bytes, name), maxPixels, name);
  return rgbImage(info.width, info.height, data);
}
