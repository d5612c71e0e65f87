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
 * The Gaussian blur of {@link smoothField}, a band of rows at a time: rows of raw values go in
 * top to bottom (`push`), each blurred along its row at once into a ring of rows; a row comes out
 * blurred along its column too (`pull`) once the rows of its window are in. A field of any
 * height is blurred without holding it whole, bit for bit as {@link smoothField} blurs it (which
 * is this with one band of every row). `sigma` 0 passes rows through unchanged.
 */
export class RowBlur {
  private rowsIn = 0;
  private readonly w: Float64Array;
  private readonly r: number;
  private readonly ring: Float64Array;
  private readonly capacity: number;
  private readonly acc: Float64Array;

  /** For bands of at most `maxRows` rows of `width` pixels of `channels` values, `height` rows in all. */
  constructor(
    private readonly channels: number,
    private readonly width: number,
    private readonly height: number,
    sigma: number,
    maxRows: number,
  ) {
    this.w = sigma === 0 ? Float64Array.of(1) : gaussianKernel(sigma);
    this.r = (this.w.length - 1) / 2;
    this.capacity = Math.min(height, maxRows + 2 * this.r);
    this.ring = new Float64Array(this.capacity * width * channels);
    this.acc = new Float64Array(channels);
  }

  /** Rows [0, pushed) have gone in. */
  get pushed(): number {
    return this.rowsIn;
  }

  /** Rows [0, ready) can be pulled: those whose window of rows has gone in. */
  get ready(): number {
    return this.pushed === this.height ? this.height : Math.max(0, this.pushed - this.r);
  }

  /** Puts rows [pushed, pushed + rows) in: `z` holds them, `width * channels` values per row. */
  push(z: Float64Array, rows: number): void {
    const { w, r, width, channels, acc, ring } = this;
    const rowSize = width * channels;
    if (z.length < rows * rowSize || this.pushed + rows > this.height)
      throw new RangeError(`cannot push ${rows} rows of ${rowSize} values after row ${this.pushed}`);
    for (let i = 0; i < rows; i++) {
      const src = i * rowSize;
      const dst = ((this.rowsIn + i) % this.capacity) * rowSize;
      if (r === 0) {
        ring.set(z.subarray(src, src + rowSize), dst);
        continue;
      }
      for (let x = 0; x < width; x++) {
        acc.fill(0);
        let ws = 0;
        const x0 = Math.max(0, x - r);
        const x1 = Math.min(width - 1, x + r);
        for (let t = x0; t <= x1; t++) {
          const k = w[t - x + r];
          ws += k;
          const o = src + t * channels;
          for (let c = 0; c < channels; c++) acc[c] += k * z[o + c];
        }
        const o = dst + x * channels;
        for (let c = 0; c < channels; c++) ring[o + c] = acc[c] / ws;
      }
    }
    this.rowsIn += rows;
  }

  /** Writes the blurred rows [y0, y1) (ready, and not yet pushed out of the ring) into `out`. */
  pull(y0: number, y1: number, out: Float64Array): void {
    const { w, r, width, channels, acc, ring, height } = this;
    const rowSize = width * channels;
    if (y1 > this.ready || Math.max(0, y0 - r) < this.pushed - this.capacity)
      throw new RangeError(`rows ${y0} to ${y1} are not in the blur's window (rows pushed: ${this.pushed})`);
    for (let y = y0; y < y1; y++) {
      if (r === 0) {
        const o = (y % this.capacity) * rowSize;
        out.set(ring.subarray(o, o + rowSize), (y - y0) * rowSize);
        continue;
      }
      const t0 = Math.max(0, y - r);
      const t1 = Math.min(height - 1, y + r);
      for (let x = 0; x < width; x++) {
        acc.fill(0);
        let ws = 0;
        for (let t = t0; t <= t1; t++) {
          const k = w[t - y + r];
          ws += k;
          const o = (t % this.capacity) * rowSize + x * channels;
          for (let c = 0; c < channels; c++) acc[c] += k * ring[o + c];
        }
        const o = (y - y0) * rowSize + x * channels;
        for (let c = 0; c < channels; c++) out[o + c] = acc[c] / ws;
      }
    }
  }
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
  const blur = new RowBlur(channels, width, height, sigma, height);
  blur.push(z, height);
  const out = new Float64Array(z.length);
  blur.pull(0, height, out);
  return out;
}
