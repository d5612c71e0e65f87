import type { FeatureOptions } from "./features.js";

/** Number of features per pixel for these options. */
export function featureDim(o: FeatureOptions): number {
  const d = o.patchSize * o.patchSize;
  return (o.pca > 0 ? o.pca : d) + (o.localStd ? 1 : 0) + 2 * o.context.length + (o.row ? 1 : 0);
}

/** Throws a one-line RangeError for options no band can be described with. */
export function checkFeatureOptions(o: FeatureOptions): void {
  if (!Number.isInteger(o.patchSize) || o.patchSize < 1 || o.patchSize % 2 !== 1) {
    throw new RangeError(`patchSize must be an odd positive integer, got ${o.patchSize}`);
  }
  if (!Number.isInteger(o.pca) || o.pca < 0 || o.pca > o.patchSize * o.patchSize) {
    throw new RangeError(`pca must be between 0 and ${o.patchSize * o.patchSize}, got ${o.pca}`);
  }
  for (const r of o.context) {
    if (!Number.isInteger(r) || r < 1)
      throw new RangeError(`context radii must be positive integers, got ${r}`);
  }
}

/**
 * Rows of the summed-area tables of gray and gray^2 (row Y sums the rows above Y; row 0 is
 * zeros), computed top to bottom and kept in a ring of `capacity` rows of width + 1. Each row is
 * computed from the one above exactly as a whole table would be, so a window of them gives the
 * same window sums, bit for bit, as the table of the whole band.
 */
class IntegralRows {
  readonly s: Float64Array;
  readonly s2: Float64Array;
  private readonly w1: number;
  /** Rows [0, ready] have been computed. */
  private ready = 0;

  constructor(
    private readonly gray: Float64Array,
    private readonly width: number,
    private readonly capacity: number,
  ) {
    this.w1 = width + 1;
    this.s = new Float64Array(capacity * this.w1);
    this.s2 = new Float64Array(capacity * this.w1);
  }

  /** Start of row `y` in `s` and `s2`; the row must be one of the last `capacity` computed. */
  offset(y: number): number {
    return (y % this.capacity) * this.w1;
  }

  /** Whether row `y` is still in the ring. */
  holds(y: number): boolean {
    return y > this.ready - this.capacity;
  }

  /** Computes rows up to `last`. */
  advance(last: number): void {
    const { gray, width, s, s2 } = this;
    for (let y = this.ready; y < last; y++) {
      const above = this.offset(y);
      const o = this.offset(y + 1);
      let row = 0;
      let row2 = 0;
      for (let x = 0; x < width; x++) {
        const g = gray[y * width + x];
        row += g;
        row2 += g * g;
        s[o + x + 1] = s[above + x + 1] + row;
        s2[o + x + 1] = s2[above + x + 1] + row2;
      }
    }
    if (last > this.ready) this.ready = last;
  }
}

/**
 * Unstandardised features of a band of gray, a few rows at a time: `rows(y0, y1, out)` writes
 * rows [y0, y1) of exactly what the whole band's features would hold there (patches
 * edge-replicated at the band's edges, windows clipped to the band), so a band of any height is
 * described without a matrix of all its pixels. Calls must go top to bottom, each band at most
 * `maxRows` rows.
 */
export class RawFeatureRows {
  readonly dim: number;
  private readonly integral?: IntegralRows;
  private readonly radius: number;
  private readonly patch: Float64Array;

  constructor(
    private readonly options: FeatureOptions,
    private readonly gray: Float64Array,
    private readonly width: number,
    private readonly height: number,
    private readonly maxRows: number,
    private readonly pcaMean?: Float64Array,
    private readonly pcaBasis?: Float64Array,
  ) {
    checkFeatureOptions(options);
    if (options.pca > 0 && (!pcaMean || !pcaBasis)) throw new Error("PCA features need a fitted basis");
    this.dim = featureDim(options);
    this.patch = new Float64Array(options.patchSize * options.patchSize);
    this.radius = options.context.reduce((a, r) => Math.max(a, r), 0);
    if (options.context.length > 0) {
      const capacity = Math.min(height + 1, maxRows + 2 * this.radius + 1);
      this.integral = new IntegralRows(gray, width, capacity);
    }
  }

  /** Raw features of rows [y0, y1) into `out` (`(y1 - y0) * width * dim` values); returns `out`. */
  rows(y0: number, y1: number, out: Float64Array): Float64Array {
    const { options, gray, width, height, dim, patch } = this;
    const s = options.patchSize;
    const h = (s - 1) >> 1;
    const d = s * s;
    const p = options.pca;
    for (let y = y0; y < y1; y++) {
      for (let x = 0; x < width; x++) {
        let k = 0;
        for (let dy = -h; dy <= h; dy++) {
          let yy = y + dy;
          if (yy < 0) yy = 0;
          else if (yy >= height) yy = height - 1;
          for (let dx = -h; dx <= h; dx++) {
            let xx = x + dx;
            if (xx < 0) xx = 0;
            else if (xx >= width) xx = width - 1;
            patch[k++] = gray[yy * width + xx];
          }
        }
        const o = ((y - y0) * width + x) * dim;
        let col = 0;
        if (p > 0) {
          const mean = this.pcaMean!;
          const basis = this.pcaBasis!;
          for (let c = 0; c < p; c++) {
            let acc = 0;
            for (let j = 0; j < d; j++) acc += (patch[j] - mean[j]) * basis[c * d + j];
            out[o + col++] = acc;
          }
        } else {
          for (let j = 0; j < d; j++) out[o + col++] = patch[j];
        }
        if (options.localStd) {
          let m = 0;
          for (let j = 0; j < d; j++) m += patch[j];
          m /= d;
          let v = 0;
          for (let j = 0; j < d; j++) v += (patch[j] - m) * (patch[j] - m);
          out[o + col++] = Math.sqrt(v / d);
        }
      }
    }
    const extra = options.row ? 1 : 0;
    if (this.integral) this.context(y0, y1, out, dim - extra - 2 * options.context.length);
    if (options.row) {
      for (let y = y0; y < y1; y++) {
        const v = height > 1 ? y / (height - 1) : 0;
        for (let x = 0; x < width; x++) out[((y - y0) * width + x) * dim + dim - 1] = v;
      }
    }
    return out;
  }

  /** Mean and standard deviation of the gray in each context window, from column `base` on. */
  private context(y0: number, y1: number, out: Float64Array, base: number): void {
    const { options, width, height, dim } = this;
    const integral = this.integral!;
    integral.advance(Math.min(y1 + this.radius, height));
    if (!integral.holds(Math.max(y0 - this.radius, 0)))
      throw new RangeError(`feature rows must be asked for top to bottom, at most ${this.maxRows} at a time`);
    const { s: sa, s2: sa2 } = integral;
    options.context.forEach((r, ci) => {
      for (let y = y0; y < y1; y++) {
        const top = Math.max(y - r, 0);
        const bottom = Math.min(y + r + 1, height);
        const t = integral.offset(top);
        const b = integral.offset(bottom);
        for (let x = 0; x < width; x++) {
          const x0 = Math.max(x - r, 0);
          const x1 = Math.min(x + r + 1, width);
          const cnt = (bottom - top) * (x1 - x0);
          const sum = sa[b + x1] - sa[t + x1] - sa[b + x0] + sa[t + x0];
          const sum2 = sa2[b + x1] - sa2[t + x1] - sa2[b + x0] + sa2[t + x0];
          const m = sum / cnt;
          const v = sum2 / cnt - m * m;
          const o = ((y - y0) * width + x) * dim + base + 2 * ci;
          out[o] = m;
          out[o + 1] = v > 0 ? Math.sqrt(v) : 0;
        }
      }
    });
  }
}

/** Unstandardised features of every pixel of a band, `width * height` rows of `featureDim` values. */
export function rawFeatures(
  options: FeatureOptions,
  gray: Float64Array,
  width: number,
  height: number,
  pcaMean?: Float64Array,
  pcaBasis?: Float64Array,
): Float64Array {
  const raw = new RawFeatureRows(options, gray, width, height, height, pcaMean, pcaBasis);
  return raw.rows(0, height, new Float64Array(width * height * raw.dim));
}
