import type { TrainSet } from "../task.js";
import type { Dataset } from "./dataset.js";
import { FEATURE_CACHE_BYTES, type FeatureState, featureBands, PixelFeatures } from "./features.js";
import type { Targets } from "./objective.js";

/**
 * Rows of the band `[0, width) x [0, height)` whose column lies in [x0, x1), as indices
 * `y * width + x`, row by row.
 */
export function columnRows(width: number, height: number, x0: number, x1: number): Int32Array {
  const out = new Int32Array((x1 - x0) * height);
  let o = 0;
  for (let y = 0; y < height; y++) for (let x = x0; x < x1; x++) out[o++] = y * width + x;
  return out;
}

/** Rows `rows` of `src` (rows of `size` values), in that order. */
export function gatherRows<T extends Float64Array | Uint8Array>(src: T, size: number, rows: Int32Array): T {
  const out = new (src.constructor as new (n: number) => T)(rows.length * size);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] * size;
    for (let j = 0; j < size; j++) out[i * size + j] = src[r + j];
  }
  return out;
}

/** The band flipped left to right: column x becomes column width - 1 - x. */
export function mirrorBand(gray: Float64Array, width: number, height: number): Float64Array {
  const out = new Float64Array(gray.length);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) out[o + x] = gray[o + width - 1 - x];
  }
  return out;
}

/** Where each pixel `rows[i]` of the band sits in its mirror image: (x, y) goes to (width - 1 - x, y). */
export function mirroredRows(rows: Int32Array, width: number): Int32Array {
  return rows.map((r) => {
    const y = Math.floor(r / width);
    return y * width + (width - 1 - (r - y * width));
  });
}

/**
 * The training rows of one feature transform (`direct`, the band's features): the pixels `rows` of the band with their targets,
 * plus, with `mirror`, the same pixels of the band flipped left to right (the same colours, the
 * patches flipped), which doubles the rows. A row's features are what {@link computeFeatures}
 * gives that pixel of the band (or of its mirror image). While every row's fit in `cacheBytes`
 * (default {@link FEATURE_CACHE_BYTES}; 0 keeps none) they are computed at the first draw, all at
 * once, through the band path, and kept; otherwise each draw describes its rows pixel by pixel.
 * The values are the same either way, bit for bit.
 */
export function trainingRows(
  direct: PixelFeatures,
  data: TrainSet,
  rows: Int32Array,
  targets: Targets,
  mirror: boolean,
  cacheBytes = FEATURE_CACHE_BYTES,
): Dataset {
  const { width, height } = data;
  const { dim } = direct;
  const flippedRows = mirror ? mirroredRows(rows, width) : rows;
  const count = rows.length;
  const n = mirror ? 2 * count : count;
  const cached = n * dim * Float64Array.BYTES_PER_ELEMENT <= cacheBytes;
  // Features come from the flipped band as a whole, so windows clip alike.
  const flipped =
    mirror && !cached
      ? new PixelFeatures(direct.state, mirrorBand(data.gray, width, height), width, height)
      : undefined;
  const describe = (r: number, x: Float64Array, o: number) => {
    if (r < count) direct.pixel(rows[r], x, o);
    else flipped!.pixel(flippedRows[r - count], x, o);
  };
  // Filled at the first draw, so a dataset that is never drawn from holds nothing.
  let cache: Float64Array | undefined;
  return {
    ...targets,
    n,
    dim,
    targetRows: count,
    features(order, from, to, x) {
      if (!cached) {
        for (let i = from, o = 0; i < to; i++, o += dim) describe(order[i], x, o);
        return;
      }
      cache ??= describeAll(direct.state, data, rows, mirror ? flippedRows : undefined, n);
      for (let i = from, o = 0; i < to; i++, o += dim) {
        const c = order[i] * dim;
        for (let j = 0; j < dim; j++) x[o + j] = cache[c + j];
      }
    },
  };
}

/** Pixels per band of image rows when every row is described at once (see {@link describeAll}). */
const DESCRIBE_BAND_PIXELS = 16384;

/**
 * Every row's features at once: the band's features a band of image rows at a time (the same
 * values as a pixel's own description, bit for bit, at a fraction of its cost), row r at
 * `r * dim`, for the pixels `rows`, then, with `flippedRows`, the mirror image's pixels.
 */
function describeAll(
  state: FeatureState,
  data: TrainSet,
  rows: Int32Array,
  flippedRows: Int32Array | undefined,
  n: number,
): Float64Array {
  const { width, height } = data;
  const dim = state.dim;
  const out = new Float64Array(n * dim);
  const bandRows = Math.max(1, Math.floor(DESCRIBE_BAND_PIXELS / width));
  const fill = (gray: Float64Array, pixels: Int32Array, first: number) => {
    // The dataset row of each pixel of the band, -1 for pixels that are no row (the strip).
    const rowOf = new Int32Array(width * height).fill(-1);
    for (let i = 0; i < pixels.length; i++) rowOf[pixels[i]] = first + i;
    for (const band of featureBands(state, gray, width, height, bandRows)) {
      for (let p = band.y0 * width, b = 0; p < band.y1 * width; p++, b += dim) {
        const r = rowOf[p];
        if (r >= 0) for (let j = 0; j < dim; j++) out[r * dim + j] = band.x[b + j];
      }
    }
  };
  fill(data.gray, rows, 0);
  if (flippedRows) fill(mirrorBand(data.gray, width, height), flippedRows, rows.length);
  return out;
}
