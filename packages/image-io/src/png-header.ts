import { ImageError } from "./errors.js";

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The IHDR fields of a PNG file. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  /** Bits per sample: 1, 2, 4, 8 or 16 (palette indices: 1 to 8). */
  readonly bitDepth: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA. */
  readonly colorType: number;
  /** 0 none, 1 Adam7. */
  readonly interlace: number;
}

/** Largest width or height the PNG specification allows (2^31 - 1). */
const PNG_MAX_SIDE = 0x7fffffff;

/**
 * Reads the signature and the IHDR chunk, which the PNG specification requires to come first, without
 * looking at any image data. Throws `truncated` when the bytes end inside it, `corrupt` when it is not
 * a well-formed IHDR. The IHDR checksum is left to the decoder.
 */
export function readPngHeader(bytes: Uint8Array, name: string): PngHeader {
  // signature (8) + chunk length and type (8) + IHDR data (13)
  if (bytes.length < 29) {
    throw new ImageError("truncated", `${name}: truncated PNG (the file ends inside its header)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(8);
  const isIhdr = bytes[12] === 0x49 && bytes[13] === 0x48 && bytes[14] === 0x44 && bytes[15] === 0x52;
  if (!isIhdr || length !== 13) {
    throw new ImageError("corrupt", `${name}: corrupt PNG (it does not start with an IHDR chunk)`);
  }
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0 || width > PNG_MAX_SIDE || height > PNG_MAX_SIDE) {
    throw new ImageError(
      "corrupt",
      `${name}: corrupt PNG (its header gives an invalid size ${width}x${height})`,
    );
  }
  return { width, height, bitDepth: bytes[24]!, colorType: bytes[25]!, interlace: bytes[28]! };
}
