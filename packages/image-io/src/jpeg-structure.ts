import type { JpegComponent, JpegScan } from "./data-bounds.js";
import { ImageError } from "./errors.js";

/** What the markers of a JPEG file say about its frame, read without decoding any pixels. */
export interface JpegHeader {
  readonly width: number;
  readonly height: number;
  /** Second byte of the SOF marker: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, others unsupported. */
  readonly frameMarker: number;
  /** Bits per sample (8 for almost every file; 12 and 16 exist). */
  readonly precision: number;
  /** Component identifiers in frame order (3 components with ids R, G, B mark an RGB file). */
  readonly componentIds: readonly number[];
  /** The frame's components with their sampling factors, in frame order. */
  readonly components: readonly JpegComponent[];
  /** Scans up to the end-of-image marker ({@link readJpegStructure} only; empty from the header walk). */
  readonly scans: readonly JpegScan[];
  /** Colour transform of an APP14 "Adobe" segment (0 none, 1 YCbCr, 2 YCCK), or -1 when absent. */
  readonly adobeTransform: number;
  /** Whether an APP0 "JFIF" segment is present (JFIF implies YCbCr). */
  readonly jfif: boolean;
}

/** SOF0..SOF15 minus the three markers in that range that are not frames: DHT (C4), JPG (C8), DAC (CC). */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field: TEM, RST0..RST7 and SOI. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

function truncated(name: string): ImageError {
  return new ImageError(
    "truncated",
    `${name}: truncated JPEG (the file ends before the end-of-image marker)`,
  );
}

function corrupt(name: string, why: string): ImageError {
  return new ImageError("corrupt", `${name}: corrupt JPEG (${why})`);
}

/**
 * Walks the markers of a JPEG up to its first frame header (SOF) and returns the frame size, reading
 * only segment headers. Handles fill bytes (runs of 0xFF before a marker) and markers without a length.
 */
export function readJpegHeader(bytes: Uint8Array, name: string): JpegHeader {
  return walkJpeg(bytes, name, true);
}

/**
 * Walks every marker and every entropy-coded scan of a JPEG up to its end-of-image marker. Throws
 * `truncated` when the bytes end first, so that a cut file is refused before the decoder sees it.
 */
export function readJpegStructure(bytes: Uint8Array, name: string): JpegHeader {
  return walkJpeg(bytes, name, false);
}

function walkJpeg(bytes: Uint8Array, name: string, stopAtFrame: boolean): JpegHeader {
  const n = bytes.length;
  let frame: {
    width: number;
    height: number;
    marker: number;
    precision: number;
    components: JpegComponent[];
  } | null = null;
  const scans: JpegScan[] = [];
  let adobeTransform = -1;
  let jfif = false;
  let offset = 2; // after SOI
  for (;;) {
    if (offset >= n) throw truncated(name);
    if (bytes[offset] !== 0xff) throw corrupt(name, `expected a marker at byte ${offset}`);
    while (offset < n && bytes[offset] === 0xff) offset++;
    if (offset >= n) throw truncated(name);
    const marker = bytes[offset++]!;
    if (marker === 0xd9) break;
    if (isStandalone(marker)) continue;
    if (marker === 0x00) throw corrupt(name, `stray 0xFF00 at byte ${offset - 2}`);
    if (offset + 2 > n) throw truncated(name);
    const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
    if (length < 2) throw corrupt(name, `segment length ${length} at byte ${offset}`);
    const end = offset + length;
    if (end > n) throw truncated(name);
    const body = offset + 2;
    if (marker === 0xe0 && length >= 7 && ascii(bytes, body, "JFIF\0")) jfif = true;
    if (marker === 0xee && length >= 14 && ascii(bytes, body, "Adobe")) adobeTransform = bytes[body + 11]!;
    if (isFrameMarker(marker)) {
      if (frame !== null) throw new ImageError("unsupported", `${name}: JPEG with more than one frame`);
      const count = length >= 8 ? bytes[body + 5]! : 0;
      if (length < 8 || length !== 8 + 3 * count) throw corrupt(name, "malformed frame header");
      const height = (bytes[body + 1]! << 8) | bytes[body + 2]!;
      const width = (bytes[body + 3]! << 8) | bytes[body + 4]!;
      if (width === 0) throw corrupt(name, "frame header gives width 0");
      if (height === 0) {
        throw new ImageError("unsupported", `${name}: JPEG whose height is given by a DNL marker`);
      }
      const components: JpegComponent[] = [];
      for (let c = 0; c < count; c++) {
        const at = body + 6 + 3 * c;
        const h = bytes[at + 1]! >> 4;
        const v = bytes[at + 1]! & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4) {
          throw corrupt(name, `component ${bytes[at]!} has sampling factors ${h}x${v}, outside 1..4`);
        }
        components.push({ id: bytes[at]!, h, v });
      }
      frame = { width, height, marker, precision: bytes[body]!, components };
      if (stopAtFrame) break;
    }
    if (marker === 0xda) {
      if (frame === null) throw corrupt(name, "scan before the frame header");
      const count = bytes[body]!;
      if (length !== 6 + 2 * count || count === 0) throw corrupt(name, "malformed scan header");
      const ids: number[] = [];
      for (let c = 0; c < count; c++) ids.push(bytes[body + 1 + 2 * c]!);
      offset = skipEntropyCodedData(bytes, end, name);
      scans.push({
        ids,
        ss: bytes[body + 1 + 2 * count]!,
        ah: bytes[body + 3 + 2 * count]! >> 4,
        bytes: offset - end,
      });
      continue;
    }
    offset = end;
  }
  if (frame === null) throw corrupt(name, "no frame header before the end of the image");
  return {
    width: frame.width,
    height: frame.height,
    frameMarker: frame.marker,
    precision: frame.precision,
    componentIds: frame.components.map((c) => c.id),
    components: frame.components,
    scans,
    adobeTransform,
    jfif,
  };
}

/**
 * Returns the offset of the 0xFF that starts the marker ending a scan. Inside a scan 0xFF is followed by
 * a stuffed 0x00, a restart marker (both part of the scan) or more 0xFF fill bytes.
 */
function skipEntropyCodedData(bytes: Uint8Array, start: number, name: string): number {
  let i = start;
  for (;;) {
    i = bytes.indexOf(0xff, i);
    if (i < 0 || i + 1 >= bytes.length) throw truncated(name);
    const next = bytes[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
    else if (next === 0xff) i += 1;
    else return i;
  }
}

function ascii(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (bytes[at + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}
