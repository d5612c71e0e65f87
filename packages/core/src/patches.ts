/**
 * Extracts size x size patches centred on every pixel of columns [x0, x1) of a gray image of
 * the given width and height. Pixels outside the band are replaced by the nearest pixel inside
 * it (edge replication), so a band's patches never read a pixel of the other band.
 *
 * Output: one row of size*size values per pixel, pixels in row-major order of the band
 * (pixel (x, y) of the band is row `y * (x1 - x0) + (x - x0)`), patch values in row-major order.
 * The output has the same element type as the input.
 */
export function extractPatches<T extends Float64Array | Float32Array | Int32Array>(
  gray: T,
  width: number,
  height: number,
  x0: number,
  x1: number,
  size = 3,
): T {
  if (size < 1 || size % 2 !== 1) throw new RangeError(`patch size must be odd and positive, got ${size}`);
  if (x0 < 0 || x1 > width || x1 <= x0) throw new RangeError(`bad column band [${x0}, ${x1})`);
  const bw = x1 - x0;
  const r = (size - 1) >> 1;
  const d = size * size;
  const Ctor = gray.constructor as new (n: number) => T;
  const out = new Ctor(bw * height * d);
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = x0; x < x1; x++) {
      for (let dy = -r; dy <= r; dy++) {
        let yy = y + dy;
        if (yy < 0) yy = 0;
        else if (yy >= height) yy = height - 1;
        const row = yy * width;
        for (let dx = -r; dx <= r; dx++) {
          let xx = x + dx;
          if (xx < x0) xx = x0;
          else if (xx >= x1) xx = x1 - 1;
          out[o++] = gray[row + xx];
        }
      }
    }
  }
  return out;
}
