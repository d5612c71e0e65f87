import type { RgbImage } from "@colorize/core";
import { encodePng } from "@colorize/image-io";
import jpeg from "jpeg-js";

/** An image ready to go inline into report.html as a `data:` URI. */
export interface InlineImage {
  readonly src: string;
  readonly width: number;
  readonly height: number;
  /** Bytes of the encoded image (before base64). */
  readonly bytes: number;
  readonly type: "image/jpeg" | "image/png";
}

/**
 * JPEG quality of inline pictures: at display size, 72 keeps photographs free of visible blocking
 * while a 640x427 photograph takes about 40 KB (the seven shared photographs and four agents fit
 * the report's 3 MB budget with room to spare).
 */
export const INLINE_JPEG_QUALITY = 72;

const dataUri = (type: string, bytes: Uint8Array) =>
  `data:${type};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}`;

/** JPEG bytes of an RGB image (jpeg-js, baseline, 4:4:4). */
export function encodeJpeg(image: RgbImage, quality = INLINE_JPEG_QUALITY): Uint8Array {
  const n = image.width * image.height;
  const rgba = new Uint8Array(n * 4);
  const d = image.data;
  for (let i = 0; i < n; i++) {
    rgba[i * 4] = d[i * 3];
    rgba[i * 4 + 1] = d[i * 3 + 1];
    rgba[i * 4 + 2] = d[i * 3 + 2];
    rgba[i * 4 + 3] = 255;
  }
  const { data } = jpeg.encode({ data: rgba, width: image.width, height: image.height }, quality);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The smaller of the image's JPEG and PNG encodings: JPEG for photographs, PNG for flat pictures
 * such as the palette-coloured left half, where it is both smaller and exact.
 */
export function compressedImage(image: RgbImage, quality = INLINE_JPEG_QUALITY): InlineImage {
  const png = encodePng(image);
  const jpg = encodeJpeg(image, quality);
  const [type, bytes] =
    jpg.length < png.length ? (["image/jpeg", jpg] as const) : (["image/png", png] as const);
  return { src: dataUri(type, bytes), width: image.width, height: image.height, bytes: bytes.length, type };
}

/** A PNG as it is, for the fully inlined archive form of the report. */
export function pngImage(png: Uint8Array, width: number, height: number): InlineImage {
  return { src: dataUri("image/png", png), width, height, bytes: png.length, type: "image/png" };
}
