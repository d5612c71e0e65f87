/**
 * Mean of each channel over the (2r+1)x(2r+1) window around every pixel, clipped at the image
 * edges (a window holds only the pixels inside the image). Summed-area table: O(N) for any r.
 * `src` is pixel-major with `channels` values per pixel.
 */
export function boxMean(
  src: ArrayLike<number>,
  channels: number,
  width: number,
  height: number,
  radius: number,
  out: Float64Array = new Float64Array(width * height * channels),
): Float64Array {
  if (!Number.isInteger(radius) || radius < 0)
    throw new RangeError(`box radius must be a whole number ≥ 0, got ${radius}`);
  if (src.length !== width * height * channels)
    throw new RangeError(`box input has ${src.length} values, expected ${width * height * channels}`);
  const w1 = width + 1;
  const table = new Float64Array(w1 * (height + 1));
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      let row = 0;
      for (let x = 0; x < width; x++) {
        row += src[(y * width + x) * channels + c];
        table[(y + 1) * w1 + x + 1] = table[y * w1 + x + 1] + row;
      }
    }
    for (let y = 0; y < height; y++) {
      const y0 = Math.max(0, y - radius);
      const y1 = Math.min(height, y + radius + 1);
      for (let x = 0; x < width; x++) {
        const x0 = Math.max(0, x - radius);
        const x1 = Math.min(width, x + radius + 1);
        const sum = table[y1 * w1 + x1] - table[y0 * w1 + x1] - table[y1 * w1 + x0] + table[y0 * w1 + x0];
        out[(y * width + x) * channels + c] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
  }
  return out;
}
