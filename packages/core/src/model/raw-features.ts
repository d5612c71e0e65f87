import type { FeatureOptions } from "./features.js";

/** Number of features per pixel for these options. */
export function featureDim(o: FeatureOptions): number {
  const d = o.patchSize * o.patchSize;
  return (
    (o.pca > 0 ? o.pca : d) +
    (o.localStd ? 1 : 0) +
    2 * o.context.length +
    GRADIENT_VALUES * (o.gradient?.length ?? 0) +
    (o.row ? 1 : 0)
  );
}

/**
 * Values each structure-tensor window adds: gradient energy, (a - b)/(a + b + 1) and
 * 2c/(a + b + 1), in that order.
 */
export const GRADIENT_VALUES = 3;

/** Column of the first structure-tensor value of a pixel's features (they come last but the row). */
export function gradientColumn(o: FeatureOptions): number {
  return featureDim(o) - (o.row ? 1 : 0) - GRADIENT_VALUES * (o.gradient?.length ?? 0);
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
  for (const r of o.gradient ?? []) {
    if (!Number.isInteger(r) || r < 1)
      throw new RangeError(`gradient radii must be positive integers, got ${r}`);
  }
}

/** The largest window radius of the options (0 without windows). */
function windowRadius(o: FeatureOptions): number {
  return [...o.context, ...(o.gradient ?? [])].reduce((a, r) => Math.max(a, r), 0);
}

/**
 * Writes the values of row `y` of a band into `values`, channel after channel (`width` values
 * each): what a summed-area table sums.
 */
type RowValues = (y: number, values: Float64Array) => void;

/**
 * Rows of summed-area tables of a band's per-pixel values, one table per channel (row Y sums
 * the rows above Y; row 0 is zeros), computed top to bottom and kept in a ring of `capacity`
 * rows of width + 1. Each row is computed from the one above exactly as a whole table would
 * be, so a window of them gives the same window sums, bit for bit, as the table of the whole band.
 */
class IntegralRows {
  /** One table per channel. */
  readonly tables: Float64Array[];
  private readonly w1: number;
  private readonly values: Float64Array;
  /** Rows [0, ready] have been computed. */
  private ready = 0;

  constructor(
    private readonly width: number,
    private readonly capacity: number,
    channels: number,
    private readonly rowValues: RowValues,
  ) {
    this.w1 = width + 1;
    this.tables = Array.from({ length: channels }, () => new Float64Array(capacity * this.w1));
    this.values = new Float64Array(channels * width);
  }

  /** Start of row `y` in every table; the row must be one of the last `capacity` computed. */
  offset(y: number): number {
    return (y % this.capacity) * this.w1;
  }

  /** Whether row `y` is still in the ring. */
  holds(y: number): boolean {
    return y > this.ready - this.capacity;
  }

  /** Computes rows up to `last`. */
  advance(last: number): void {
    const { width, tables, values } = this;
    for (let y = this.ready; y < last; y++) {
      const above = this.offset(y);
      const o = this.offset(y + 1);
      this.rowValues(y, values);
      for (let c = 0; c < tables.length; c++) {
        const s = tables[c];
        const v = c * width;
        let row = 0;
        for (let x = 0; x < width; x++) {
          row += values[v + x];
          s[o + x + 1] = s[above + x + 1] + row;
        }
      }
    }
    if (last > this.ready) this.ready = last;
  }
}

/** The gray and its square, for the context windows' means and spreads. */
function grayValues(gray: Float64Array, width: number): RowValues {
  return (y, values) => {
    for (let x = 0; x < width; x++) {
      const g = gray[y * width + x];
      values[x] = g;
      values[width + x] = g * g;
    }
  };
}

/**
 * The structure tensor's products gx^2, gy^2 and gx gy of central differences of the gray
 * (gx = (g(x+1) - g(x-1)) / 2, neighbours clamped to the band), for the gradient windows.
 */
function tensorValues(gray: Float64Array, width: number, height: number): RowValues {
  return (y, values) => {
    const up = Math.max(y - 1, 0) * width;
    const down = Math.min(y + 1, height - 1) * width;
    const at = y * width;
    for (let x = 0; x < width; x++) {
      const gx = (gray[at + Math.min(x + 1, width - 1)] - gray[at + Math.max(x - 1, 0)]) / 2;
      const gy = (gray[down + x] - gray[up + x]) / 2;
      values[x] = gx * gx;
      values[width + x] = gy * gy;
      values[2 * width + x] = gx * gy;
    }
  };
}

/** The summed-area rows a band's windows read: of the gray (context) and of the tensor (gradient). */
interface WindowTables {
  readonly gray?: IntegralRows;
  readonly tensor?: IntegralRows;
}

function windowTables(
  o: FeatureOptions,
  gray: Float64Array,
  width: number,
  height: number,
  capacity: number,
): WindowTables {
  return {
    gray: o.context.length > 0 ? new IntegralRows(width, capacity, 2, grayValues(gray, width)) : undefined,
    tensor:
      (o.gradient?.length ?? 0) > 0
        ? new IntegralRows(width, capacity, 3, tensorValues(gray, width, height))
        : undefined,
  };
}

/** Sum over the clipped window [x0, x1) x [top, bottom) of table `s` of `integral`. */
function windowSum(
  integral: IntegralRows,
  s: Float64Array,
  top: number,
  bottom: number,
  x0: number,
  x1: number,
) {
  const t = integral.offset(top);
  const b = integral.offset(bottom);
  return s[b + x1] - s[t + x1] - s[b + x0] + s[t + x0];
}

/**
 * The features of one pixel, part by part, exactly as every path computes them: the patch
 * (edge-replicated) or its principal components, the patch's spread, the context windows' means
 * and spreads and the gradient windows' structure tensors from summed-area rows, and the row.
 */
class PixelParts {
  readonly dim: number;
  private readonly patch: Float64Array;

  constructor(
    private readonly options: FeatureOptions,
    private readonly gray: Float64Array,
    private readonly width: number,
    private readonly height: number,
    private readonly pcaMean?: Float64Array,
    private readonly pcaBasis?: Float64Array,
  ) {
    checkFeatureOptions(options);
    if (options.pca > 0 && (!pcaMean || !pcaBasis)) throw new Error("PCA features need a fitted basis");
    this.dim = featureDim(options);
    this.patch = new Float64Array(options.patchSize * options.patchSize);
  }

  /** Column of the first gradient value. */
  get gradientBase(): number {
    return gradientColumn(this.options);
  }

  /** Column of the first context value. */
  get contextBase(): number {
    return this.gradientBase - 2 * this.options.context.length;
  }

  /** The edge-replicated patch of (x, y) into `patch` (row-major). */
  gatherPatch(x: number, y: number, patch: Float64Array): Float64Array {
    const { gray, width, height } = this;
    const h = (this.options.patchSize - 1) >> 1;
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
    return patch;
  }

  /** The patch part of (x, y) (values or components, then the spread) at out[o ..]. */
  patchPart(x: number, y: number, out: Float64Array, o: number): void {
    const { options } = this;
    const patch = this.gatherPatch(x, y, this.patch);
    const d = patch.length;
    const p = options.pca;
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

  /** The mean and spread of the gray in each context window of (x, y) at out[o ..], from `integral`. */
  contextPart(integral: IntegralRows, x: number, y: number, out: Float64Array, o: number): void {
    const { width, height } = this;
    const [sa, sa2] = integral.tables;
    const radii = this.options.context;
    for (let ci = 0; ci < radii.length; ci++) {
      const r = radii[ci];
      const top = Math.max(y - r, 0);
      const bottom = Math.min(y + r + 1, height);
      const x0 = Math.max(x - r, 0);
      const x1 = Math.min(x + r + 1, width);
      const cnt = (bottom - top) * (x1 - x0);
      const sum = windowSum(integral, sa, top, bottom, x0, x1);
      const sum2 = windowSum(integral, sa2, top, bottom, x0, x1);
      const m = sum / cnt;
      const v = sum2 / cnt - m * m;
      out[o + 2 * ci] = m;
      out[o + 2 * ci + 1] = v > 0 ? Math.sqrt(v) : 0;
    }
  }

  /**
   * The structure tensor of each gradient window of (x, y) at out[o ..], from `integral`: with
   * a, b, c the window's means of gx^2, gy^2 and gx gy, the gradient energy sqrt(a + b) and the
   * orientation terms (a - b) / (a + b + 1) and 2c / (a + b + 1) (near 0 where the gray is flat).
   */
  gradientPart(integral: IntegralRows, x: number, y: number, out: Float64Array, o: number): void {
    const { width, height } = this;
    const [sxx, syy, sxy] = integral.tables;
    const radii = this.options.gradient ?? [];
    for (let gi = 0; gi < radii.length; gi++) {
      const r = radii[gi];
      const top = Math.max(y - r, 0);
      const bottom = Math.min(y + r + 1, height);
      const x0 = Math.max(x - r, 0);
      const x1 = Math.min(x + r + 1, width);
      const cnt = (bottom - top) * (x1 - x0);
      const a = windowSum(integral, sxx, top, bottom, x0, x1) / cnt;
      const b = windowSum(integral, syy, top, bottom, x0, x1) / cnt;
      const c = windowSum(integral, sxy, top, bottom, x0, x1) / cnt;
      const t = a + b;
      const k = o + GRADIENT_VALUES * gi;
      out[k] = t > 0 ? Math.sqrt(t) : 0;
      out[k + 1] = (a - b) / (t + 1);
      out[k + 2] = (2 * c) / (t + 1);
    }
  }

  /** The windowed parts of (x, y) (context, then gradient) at their columns of out[o ..]. */
  windowParts(tables: WindowTables, x: number, y: number, out: Float64Array, o: number): void {
    if (tables.gray) this.contextPart(tables.gray, x, y, out, o + this.contextBase);
    if (tables.tensor) this.gradientPart(tables.tensor, x, y, out, o + this.gradientBase);
  }

  /** The row feature of row y, a fraction of the band's height. */
  rowValue(y: number): number {
    return this.height > 1 ? y / (this.height - 1) : 0;
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
  private readonly parts: PixelParts;
  private readonly tables: WindowTables;
  private readonly radius: number;

  constructor(
    private readonly options: FeatureOptions,
    gray: Float64Array,
    private readonly width: number,
    private readonly height: number,
    private readonly maxRows: number,
    pcaMean?: Float64Array,
    pcaBasis?: Float64Array,
  ) {
    this.parts = new PixelParts(options, gray, width, height, pcaMean, pcaBasis);
    this.dim = this.parts.dim;
    this.radius = windowRadius(options);
    const capacity = Math.min(height + 1, maxRows + 2 * this.radius + 1);
    this.tables = windowTables(options, gray, width, height, capacity);
  }

  /** Raw features of rows [y0, y1) into `out` (`(y1 - y0) * width * dim` values); returns `out`. */
  rows(y0: number, y1: number, out: Float64Array): Float64Array {
    const { parts, width, dim, tables, options } = this;
    for (const integral of [tables.gray, tables.tensor]) {
      if (!integral) continue;
      integral.advance(Math.min(y1 + this.radius, this.height));
      if (!integral.holds(Math.max(y0 - this.radius, 0)))
        throw new RangeError(
          `feature rows must be asked for top to bottom, at most ${this.maxRows} at a time`,
        );
    }
    for (let y = y0; y < y1; y++) {
      const v = parts.rowValue(y);
      for (let x = 0; x < width; x++) {
        const o = ((y - y0) * width + x) * dim;
        parts.patchPart(x, y, out, o);
        parts.windowParts(tables, x, y, out, o);
        if (options.row) out[o + dim - 1] = v;
      }
    }
    return out;
  }
}

/**
 * Unstandardised features of any pixel of a band, in any order: the values {@link RawFeatureRows}
 * gives (the summed-area table of the whole band is held, row for row the same as its ring), so
 * training can describe the pixels it draws without a matrix of every pixel's features.
 */
export class RawFeaturePixels {
  readonly dim: number;
  private readonly parts: PixelParts;
  private readonly tables: WindowTables;

  constructor(
    private readonly options: FeatureOptions,
    gray: Float64Array,
    private readonly width: number,
    height: number,
    pcaMean?: Float64Array,
    pcaBasis?: Float64Array,
  ) {
    this.parts = new PixelParts(options, gray, width, height, pcaMean, pcaBasis);
    this.dim = this.parts.dim;
    this.tables = windowTables(options, gray, width, height, height + 1);
    this.tables.gray?.advance(height);
    this.tables.tensor?.advance(height);
  }

  /** Raw features of pixel `p` (`y * width + x`) into out[o .. o + dim). */
  pixel(p: number, out: Float64Array, o: number): void {
    const { parts, width, tables } = this;
    const y = Math.floor(p / width);
    const x = p - y * width;
    parts.patchPart(x, y, out, o);
    parts.windowParts(tables, x, y, out, o);
    if (this.options.row) out[o + this.dim - 1] = parts.rowValue(y);
  }
}

/** The edge-replicated patches (`size^2` values each) of pixels `0, step, 2 step, ...` of a band, below `n`. */
export function sampledPatches(
  options: FeatureOptions,
  gray: Float64Array,
  width: number,
  height: number,
  step: number,
): { patches: Float64Array; rows: number } {
  const parts = new PixelParts({ ...options, pca: 0 }, gray, width, height);
  const d = options.patchSize * options.patchSize;
  const n = width * height;
  const rows = Math.ceil(n / step);
  const patches = new Float64Array(rows * d);
  for (let i = 0, r = 0; i < n; i += step, r++) {
    const y = Math.floor(i / width);
    parts.gatherPatch(i - y * width, y, patches.subarray(r * d, (r + 1) * d));
  }
  return { patches, rows };
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
