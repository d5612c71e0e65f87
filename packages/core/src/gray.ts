import type { GrayImage, RgbImage } from "./image.js";

/** The luminance weights of the assignment: Gray(r, g, b) = 0.21 r + 0.72 g + 0.07 b. */
export const GRAY_WEIGHTS = Object.freeze([0.21, 0.72, 0.07] as const);

/** Gray of one colour as a float in [0, 255]; never rounded. */
export function grayOf(r: number, g: number, b: number): number {
  return (21 * r + 72 * g + 7 * b) / 100;
}

/**
 * Converts an RGB image to gray. Computed as (21r + 72g + 7b) / 100 so the value is the
 * correctly rounded float64 of the exact rational gray, identical on every platform.
 */
export function toGray(image: RgbImage): GrayImage {
  const n = image.width * image.height;
  const out = new Float64Array(n);
  const d = image.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    out[i] = (21 * d[j] + 72 * d[j + 1] + 7 * d[j + 2]) / 100;
  }
  return { width: image.width, height: image.height, data: out };
}

/**
 * Gray scaled by 100 as exact integers in [0, 25500]: 21r + 72g + 7b. Distances between
 * patches computed on this scale are exact integers in any summation order, so every
 * backend and thread count agrees on which neighbours tie.
 */
export function toGray100(image: RgbImage): Int32Array {
  const n = image.width * image.height;
  const out = new Int32Array(n);
  const d = image.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = 21 * d[j] + 72 * d[j + 1] + 7 * d[j + 2];
  return out;
}
