import { ImageError } from "./errors.js";

/**
 * Largest expansion deflate can achieve: a 258-byte match coded in 2 bits, 258 * 8 / 2 = 1032
 * (zlib's headers only lower it). A zlib stream of n bytes never inflates to more than 1032 n bytes.
 */
export const MAX_DEFLATE_RATIO = 1032;

/**
 * Refuses a PNG whose IDAT chunks are too short to hold the image its header declares, before
 * anything is inflated: a 100-byte file cannot decode to 7000x7000 pixels, whatever it claims.
 *
 * @param rawBytes filtered image data the header implies (rows with their filter bytes, all passes)
 * @param idatBytes total length of the IDAT payloads
 * @throws ImageError `corrupt`
 */
export function checkPngDataSize(
  rawBytes: number,
  idatBytes: number,
  width: number,
  height: number,
  name: string,
): void {
  if (rawBytes > MAX_DEFLATE_RATIO * idatBytes) {
    throw new ImageError(
      "corrupt",
      `${name}: corrupt PNG (its ${idatBytes} bytes of image data cannot hold ${width}x${height} pixels, ` +
        `which need at least ${Math.ceil(rawBytes / MAX_DEFLATE_RATIO)})`,
    );
  }
}

/** Filtered PNG image data of a frame: one filter byte per row, per Adam7 pass when interlaced. */
export function pngRawBytes(
  width: number,
  height: number,
  bitsPerPixel: number,
  interlaced: boolean,
): number {
  if (!interlaced) return height * (1 + Math.ceil((width * bitsPerPixel) / 8));
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = width > x0 ? Math.ceil((width - x0) / dx) : 0;
    const h = height > y0 ? Math.ceil((height - y0) / dy) : 0;
    if (w > 0 && h > 0) total += h * (1 + Math.ceil((w * bitsPerPixel) / 8));
  }
  return total;
}

/** Adam7 passes as [x0, y0, dx, dy]. */
export const ADAM7: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** A frame component: its identifier and sampling factors. */
export interface JpegComponent {
  readonly id: number;
  readonly h: number;
  readonly v: number;
}

/** A scan: the components it codes, its spectral start and approximation high bit, its entropy bytes. */
export interface JpegScan {
  readonly ids: readonly number[];
  /** Ss: 0 when the scan codes DC coefficients (always in baseline). */
  readonly ss: number;
  /** Ah: 0 for a first scan, above 0 for a refinement. */
  readonly ah: number;
  readonly bytes: number;
}

/**
 * Refuses a JPEG whose scans are too short for its frame, before jpeg-js allocates the frame: every
 * block of a scan that codes DC coefficients takes at least one bit (a Huffman code, or the refinement
 * bit), so a scan of n bytes covers at most 8n blocks. Every component must have a first DC scan
 * (the standard requires it before any other), so an image is never sized by its header alone.
 *
 * @throws ImageError `corrupt`
 */
export function checkJpegScanSizes(
  width: number,
  height: number,
  components: readonly JpegComponent[],
  scans: readonly JpegScan[],
  name: string,
): void {
  const hMax = Math.max(...components.map((c) => c.h));
  const vMax = Math.max(...components.map((c) => c.v));
  const mcus = Math.ceil(width / (8 * hMax)) * Math.ceil(height / (8 * vMax));
  const coded = new Set<number>();
  for (const [i, scan] of scans.entries()) {
    if (scan.ss !== 0) continue;
    const members = scan.ids.map((id) => {
      const c = components.find((m) => m.id === id);
      if (c === undefined)
        throw new ImageError(
          "corrupt",
          `${name}: corrupt JPEG (scan ${i + 1} codes component ${id}, not in the frame)`,
        );
      return c;
    });
    let blocks = 0;
    if (members.length === 1) {
      const c = members[0]!;
      blocks =
        Math.ceil(Math.ceil((width * c.h) / hMax) / 8) * Math.ceil(Math.ceil((height * c.v) / vMax) / 8);
    } else {
      for (const c of members) blocks += mcus * c.h * c.v;
    }
    if (8 * scan.bytes < blocks) {
      throw new ImageError(
        "corrupt",
        `${name}: corrupt JPEG (scan ${i + 1} has ${scan.bytes} bytes, too few for the ${blocks} blocks of a ` +
          `${width}x${height} frame)`,
      );
    }
    if (scan.ah === 0) for (const id of scan.ids) coded.add(id);
  }
  const missing = components.find((c) => !coded.has(c.id));
  if (missing !== undefined) {
    throw new ImageError(
      "corrupt",
      `${name}: corrupt JPEG (component ${missing.id} has no first scan of its DC coefficients)`,
    );
  }
}
