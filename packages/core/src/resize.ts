import type { RgbImage } from "./image.js";

/**
 * Resamples an image to `width` x `height` with a box filter: each target pixel is the mean of the
 * source pixels it covers, rows [floor(y H / height), floor((y + 1) H / height)) and likewise for
 * columns, rounded to the nearest integer (half up). When enlarging, a target pixel covers at least
 * the one source pixel its top-left corner falls in, so pixels repeat. Thin detail is blended, never
 * skipped.
 */
export function resizeBox(image: RgbImage, width: number, height: number): RgbImage {
  const { width: sw, height: sh, data: src } = image;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * sh) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * sh) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * sw) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * sw) / width));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const s = (yy * sw + xx) * 3;
          r += src[s];
          g += src[s + 1];
          b += src[s + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 3;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
    }
  }
  return { width, height, data: out };
}
