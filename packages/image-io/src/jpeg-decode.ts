import jpeg from "jpeg-js";
import { checkJpegScanSizes } from "./data-bounds.js";
import { firstLine, ImageError } from "./errors.js";
import type { JpegHeader } from "./jpeg-structure.js";

/** Frame types other than baseline (C0), extended (C1) and progressive (C2) Huffman coding. */
const UNSUPPORTED_FRAMES: Readonly<Record<number, string>> = {
  195: "lossless",
  197: "hierarchical",
  198: "hierarchical",
  199: "hierarchical",
  201: "arithmetic-coded",
  202: "arithmetic-coded",
  203: "arithmetic-coded",
  205: "arithmetic-coded",
  206: "arithmetic-coded",
  207: "arithmetic-coded",
};

/**
 * Bytes per pixel that jpeg-js charges against its memory cap: per component 4 (coefficient blocks) +
 * 1 (component lines) + 1 (merged samples), plus 3 for the RGB output. Pixels are counted after
 * padding to whole MCUs (up to 32 pixels with 4x sampling factors).
 */
const JPEG_BYTES_PER_COMPONENT_PIXEL = 6;
const JPEG_OUTPUT_BYTES_PER_PIXEL = 3;
const JPEG_TABLE_SLACK_BYTES = 16 * 1024 * 1024;

/**
 * Every check of {@link decodeJpeg} short of jpeg-js itself: a supported frame (baseline or
 * progressive, 8-bit, 1, 3 or 4 components) and scans with bytes enough for their blocks.
 * @throws ImageError `unsupported`, `corrupt`
 */
export function checkJpegData(header: JpegHeader, name: string): void {
  const { width, height, frameMarker, precision, componentIds } = header;
  const kind = UNSUPPORTED_FRAMES[frameMarker];
  if (kind !== undefined) throw unsupported(name, `${kind} JPEG`);
  if (precision !== 8) throw unsupported(name, `${precision}-bit JPEG`);
  const components = componentIds.length;
  if (components !== 1 && components !== 3 && components !== 4) {
    throw unsupported(name, `JPEG with ${components} colour components`);
  }
  checkJpegScanSizes(width, height, header.components, header.scans, name);
}

/**
 * Decodes a JPEG whose structure has been walked to its end-of-image marker (so it is not truncated)
 * into 8-bit RGB with jpeg-js: baseline and progressive, gray, YCbCr, RGB and Adobe CMYK/YCCK. jpeg-js
 * gets a resolution cap equal to `maxPixels` and a memory cap sized for this frame.
 */
export function decodeJpeg(
  bytes: Uint8Array,
  header: JpegHeader,
  maxPixels: number,
  name: string,
): Uint8Array {
  const { width, height } = header;
  checkJpegData(header, name);
  const components = header.componentIds.length;
  const padded = Math.ceil(width / 32) * 32 * Math.ceil(height / 32) * 32;
  const memoryBytes =
    padded * (JPEG_BYTES_PER_COMPONENT_PIXEL * components + JPEG_OUTPUT_BYTES_PER_PIXEL) +
    JPEG_TABLE_SLACK_BYTES;
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      // Tolerant mode silently skips blocks that fall outside the allocated frame instead of failing.
      tolerantDecoding: false,
      colorTransform: isRgb(header) ? false : undefined,
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: memoryBytes / (1024 * 1024),
    });
  } catch (error) {
    throw new ImageError("corrupt", `${name}: corrupt JPEG (${firstLine(error)})`, { cause: error });
  }
  if (decoded.width !== width || decoded.height !== height || decoded.data.length !== width * height * 3) {
    throw new ImageError("corrupt", `${name}: corrupt JPEG (decoded size differs from its frame header)`);
  }
  return decoded.data;
}

/**
 * Three components stored as RGB rather than YCbCr: an Adobe segment saying "no transform", or, without
 * JFIF or Adobe segments, component ids 'R', 'G', 'B'. jpeg-js alone treats both as YCbCr.
 */
function isRgb(header: JpegHeader): boolean {
  if (header.componentIds.length !== 3) return false;
  if (header.adobeTransform === 0) return true;
  const [r, g, b] = header.componentIds;
  return header.adobeTransform === -1 && !header.jfif && r === 0x52 && g === 0x47 && b === 0x42;
}

function unsupported(name: string, what: string): ImageError {
  return new ImageError(
    "unsupported",
    `${name}: ${what} is not supported; convert it to PNG or baseline JPEG`,
  );
}
