import type { GrayImage } from "./image.js";
import type { TestSet } from "./task.js";

/**
 * Gray x 100 rounded to the nearest integer: for gray made from 8-bit RGB by the formula this is
 * exactly 21r + 72g + 7b (the float is within 1e-12 of it), so a test set built from such gray is
 * the one `testSet` builds from the colours. Finer gray (16-bit samples, a remapped gray) is kept
 * to a hundredth of a gray level, the precision of the integer patch distances of the basic agent;
 * `gray` itself stays unrounded.
 */
export function gray100Of(gray: Float64Array): Int32Array {
  const out = new Int32Array(gray.length);
  for (let i = 0; i < gray.length; i++) out[i] = Math.round(gray[i] * 100);
  return out;
}

/** The {@link TestSet} of a gray photograph: its float gray as is, and {@link gray100Of} it. */
export function grayTestSet(image: GrayImage): TestSet {
  return { width: image.width, height: image.height, gray: image.data, gray100: gray100Of(image.data) };
}

/** Copies columns [x0, x1) of a gray image into a new image of width x1 - x0. */
export function grayColumns(image: GrayImage, x0: number, x1: number): GrayImage {
  if (!Number.isInteger(x0) || !Number.isInteger(x1) || x0 < 0 || x1 > image.width || x0 > x1) {
    throw new RangeError(`column range [${x0}, ${x1}) is outside an image of width ${image.width}`);
  }
  const w = x1 - x0;
  const out = new Float64Array(w * image.height);
  for (let y = 0; y < image.height; y++) {
    const src = y * image.width + x0;
    out.set(image.data.subarray(src, src + w), y * w);
  }
  return { width: w, height: image.height, data: out };
}
