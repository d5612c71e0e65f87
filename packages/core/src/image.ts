/**
 * An 8-bit RGB image, row-major and interleaved: pixel (x, y) channel ch is at
 * `data[(y * width + x) * 3 + ch]`.
 */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * A gray image as float64 luminance in [0, 255], row-major: pixel (x, y) at
 * `data[y * width + x]`. Values are never rounded.
 */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float64Array;
}

/** Makes an RGB image, checking that the buffer length matches `width * height * 3`. */
export function rgbImage(width: number, height: number, data?: Uint8Array): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`image size must be non-negative integers, got ${width}x${height}`);
  }
  const buf = data ?? new Uint8Array(width * height * 3);
  if (buf.length !== width * height * 3) {
    throw new RangeError(`RGB buffer holds ${buf.length} bytes, expected ${width * height * 3}`);
  }
  return { width, height, data: buf };
}

/**
 * Copies columns [x0, x1) of an RGB image into a new image of width x1 - x0.
 */
export function cropColumns(image: RgbImage, x0: number, x1: number): RgbImage {
  if (x0 < 0 || x1 > image.width || x0 > x1) {
    throw new RangeError(`column range [${x0}, ${x1}) is outside an image of width ${image.width}`);
  }
  const w = x1 - x0;
  const out = new Uint8Array(w * image.height * 3);
  for (let y = 0; y < image.height; y++) {
    const src = (y * image.width + x0) * 3;
    out.set(image.data.subarray(src, src + w * 3), y * w * 3);
  }
  return { width: w, height: image.height, data: out };
}

/** Writes `part` (full height) into `target` starting at column x0. */
export function pasteColumns(target: RgbImage, part: RgbImage, x0: number): void {
  if (part.height !== target.height || x0 < 0 || x0 + part.width > target.width) {
    throw new RangeError("pasted part does not fit the target image");
  }
  for (let y = 0; y < part.height; y++) {
    const dst = (y * target.width + x0) * 3;
    target.data.set(part.data.subarray(y * part.width * 3, (y + 1) * part.width * 3), dst);
  }
}

/**
 * A gray image as an 8-bit RGB image, R = G = B = each value rounded to the nearest integer (half
 * up): the one place gray is rounded, because an 8-bit image cannot hold the float. Used for the
 * `gray` reference row and for showing what agents see.
 */
export function grayToRgb(gray: GrayImage): RgbImage {
  const g = gray.data;
  const out = new Uint8Array(g.length * 3);
  for (let i = 0; i < g.length; i++) {
    const v = Math.round(g[i]);
    out[i * 3] = v;
    out[i * 3 + 1] = v;
    out[i * 3 + 2] = v;
  }
  return { width: gray.width, height: gray.height, data: out };
}
