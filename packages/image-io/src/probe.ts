import { ImageError } from "./errors.js";
import { readJpegHeader } from "./jpeg-structure.js";
import { PNG_SIGNATURE, readPngHeader } from "./png-header.js";

/** The container formats this package reads. */
export type ImageFormat = "png" | "jpeg";

/** What {@link probeImage} reads from a header: the format and the size in pixels. */
export interface ImageInfo {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

const JPEG_SIGNATURE: readonly number[] = [0xff, 0xd8];

/**
 * Reads the format and size of a PNG (signature + IHDR) or JPEG (markers up to the first SOF) without
 * decoding any pixels, so that oversized images can be refused before memory is allocated for them.
 *
 * @param bytes the whole file, or at least its header
 * @param name how messages name the image (a path); defaults to "image"
 * @throws ImageError `empty`, `not-image` ("not a PNG or JPEG image"), `truncated` or `corrupt`
 */
export function probeImage(bytes: Uint8Array, name = "image"): ImageInfo {
  if (bytes.length === 0) throw new ImageError("empty", `${name}: file is empty`);
  if (startsWith(bytes, PNG_SIGNATURE)) {
    const header = readPngHeader(bytes, name);
    return { format: "png", width: header.width, height: header.height };
  }
  if (startsWith(bytes, JPEG_SIGNATURE)) {
    const header = readJpegHeader(bytes, name);
    return { format: "jpeg", width: header.width, height: header.height };
  }
  if (
    bytes.length < PNG_SIGNATURE.length &&
    (isPrefix(bytes, PNG_SIGNATURE) || isPrefix(bytes, JPEG_SIGNATURE))
  ) {
    throw new ImageError("truncated", `${name}: truncated image (the file ends inside its signature)`);
  }
  throw new ImageError("not-image", `${name}: not a PNG or JPEG image`);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) {
    if (bytes[i] !== signature[i]) return false;
  }
  return true;
}

function isPrefix(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length > signature.length) return false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== signature[i]) return false;
  }
  return true;
}
