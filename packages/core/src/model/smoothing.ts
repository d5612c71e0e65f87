/**
 * Spatial smoothing of a model's raw outputs. Natural photographs carry their colour in coarser
 * detail than their brightness (which is why JPEG stores chroma at half resolution), while a
 * per-pixel model guesses each pixel's colour on its own: averaging the guesses of neighbours
 * removes their noise and lets a thin dark line take the colour around it.
 */

/** Normalised Gaussian weights w[-r..r] (r = ceil(3 sigma)), as an array of 2r + 1 values. */
export function gaussianKernel(sigma: number): Float64Array {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`sigma must be positive, got ${sigma}`);
  const r = Math.max(1, Math.ceil(3 * sigma));
  const w = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) {
    w[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
    sum += w[i + r];
  }
  for (let i = 0; i < w.length; i++) w[i] /= sum;
  return w;
}

/**
 * Gaussian blur of `channels` interleaved values per pixel over a `width x height` grid (row-major
 * pixels, `channels` values each), separable, with the window clipped at the grid's edges and the
 * weights renormalised over the pixels inside (so a constant field stays constant and no pixel
 * from outside the band is invented). `sigma` 0 returns a copy.
 */
export function smoothField(
  z: Float64Array,
  channels: number,
  width: number,
  height: number,
  sigma: number,
): Float64Array {
  if (z.length !== width * height * channels) {
    throw new RangeError(`field of ${z.length} values is not ${width}x${height}x${channels}`);
  }
  if (sigma === 0) return Float64Array.from(z);
  const w = gaussianKernel(sigma);
  const r = (w.length - 1) / 2;
  const tmp = new Float64Array(z.length);
  const out = new Float64Array(z.length);
  const acc = new Float64Array(channels);
  // Rows.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      acc.fill(0);
      let ws = 0;
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(width - 1, x + r);
      for (let t = x0; t <= x1; t++) {
        const k = w[t - x + r];
        ws += k;
        const o = (y * width + t) * channels;
        for (let c = 0; c < channels; c++) acc[c] += k * z[o + c];
      }
      const o = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) tmp[o + c] = acc[c] / ws;
    }
  }
  // Columns.
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(height - 1, y + r);
    for (let x = 0; x < width; x++) {
      acc.fill(0);
      let ws = 0;
      for (let t = y0; t <= y1; t++) {
        const k = w[t - y + r];
        ws += k;
        const o = (t * width + x) * channels;
        for (let c = 0; c < channels; c++) acc[c] += k * tmp[o + c];
      }
      const o = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) out[o + c] = acc[c] / ws;
    }
  }
  return out;
}
