import { deflateSync } from "node:zlib";
import { ADAM7 } from "../data-bounds.js";

/** CRC-32 (ISO 3309, polynomial 0xEDB88320) as PNG chunks use it. */
const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One chunk: length, type, data, CRC over type and data. */
export function chunk(type: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export function ihdr(width: number, height: number, bitDepth: number, colorType: number, interlace = 0) {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([bitDepth, colorType, 0, 0, interlace], 8);
  return chunk("IHDR", data);
}

/** Signature followed by the given chunks. */
export function assemblePng(chunks: readonly Uint8Array[]): Uint8Array {
  const parts = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), ...chunks];
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A PNG described sample by sample. */
export interface PngSpec {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: 1 | 2 | 4 | 8 | 16;
  readonly colorType: 0 | 2 | 3 | 4 | 6;
  /** Row-major samples, `channels` per pixel (1 for palette indices), each in [0, 2^bitDepth - 1]. */
  readonly samples: ArrayLike<number>;
  readonly interlace?: boolean;
  /** PLTE entries as RGB triples. */
  readonly palette?: ArrayLike<number>;
  /** Raw tRNS payload. */
  readonly transparency?: Uint8Array;
}

export const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

/** Packs the pixels at the given coordinates as one scanline with filter type 0 (None). */
function scanline(spec: PngSpec, y: number, xs: readonly number[]): number[] {
  const channels = CHANNELS[spec.colorType];
  const row = [0];
  let acc = 0;
  let bits = 0;
  for (const x of xs) {
    for (let c = 0; c < channels; c++) {
      const v = spec.samples[(y * spec.width + x) * channels + c]!;
      if (spec.bitDepth === 16) row.push(v >> 8, v & 0xff);
      else if (spec.bitDepth === 8) row.push(v);
      else {
        acc = (acc << spec.bitDepth) | v;
        bits += spec.bitDepth;
        if (bits === 8) {
          row.push(acc);
          acc = 0;
          bits = 0;
        }
      }
    }
  }
  if (bits > 0) row.push(acc << (8 - bits));
  return row;
}

/** The filtered (filter None) image data, with the seven Adam7 sub-images when interlaced. */
function rawImageData(spec: PngSpec): Uint8Array {
  const rows: number[] = [];
  const range = (start: number, end: number, step: number) => {
    const out: number[] = [];
    for (let v = start; v < end; v += step) out.push(v);
    return out;
  };
  const passes = spec.interlace === true ? ADAM7 : ([[0, 0, 1, 1]] as const);
  for (const [x0, y0, dx, dy] of passes) {
    const xs = range(x0, spec.width, dx);
    if (xs.length === 0) continue;
    for (const y of range(y0, spec.height, dy)) rows.push(...scanline(spec, y, xs));
  }
  return Uint8Array.from(rows);
}

/** Builds a complete PNG, compressing the image data into two IDAT chunks to exercise joining them. */
export function buildPng(spec: PngSpec): Uint8Array {
  const chunks = [
    ihdr(spec.width, spec.height, spec.bitDepth, spec.colorType, spec.interlace === true ? 1 : 0),
  ];
  if (spec.palette !== undefined) chunks.push(chunk("PLTE", Uint8Array.from(spec.palette)));
  if (spec.transparency !== undefined) chunks.push(chunk("tRNS", spec.transparency));
  const compressed = deflateSync(rawImageData(spec));
  const half = compressed.length >> 1;
  chunks.push(chunk("IDAT", compressed.subarray(0, half)), chunk("IDAT", compressed.subarray(half)));
  chunks.push(chunk("IEND"));
  return assemblePng(chunks);
}
