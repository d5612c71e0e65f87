import { crc32 } from "../testing/png-builder.js";

/** A chunk of a PNG file, located without validating it. */
export interface PngChunk {
  /** Offset of its length field. */
  readonly start: number;
  /** Offset of its data (start + 8). */
  readonly data: number;
  readonly length: number;
  readonly type: string;
  /** Offset just past its CRC. */
  readonly end: number;
}

/** Lists the chunks after the signature, stopping quietly at one that runs past the end. */
export function pngChunks(bytes: Uint8Array): PngChunk[] {
  const out: PngChunk[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) break;
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    out.push({ start: at, data: at + 8, length, type, end });
    at = end;
  }
  return out;
}

/** Rewrites the CRC of the chunk starting at `start` (in place) so that an edit reaches the decoder. */
export function fixCrc(bytes: Uint8Array, start: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(start);
  if (start + 12 + length > bytes.length) return;
  view.setUint32(start + 8 + length, crc32(bytes.subarray(start + 4, start + 8 + length)));
}
