import { decodeArray, type EncodedArray, encodeArray } from "../typed.js";
import { symmetricEigen } from "./eigen.js";
import {
  checkFeatureOptions,
  featureDim,
  RawFeaturePixels,
  RawFeatureRows,
  rawFeatures,
  sampledPatches,
} from "./raw-features.js";

/**
 * Which gray-only features describe a pixel. Every feature of a band is computed from that
 * band's gray alone (patches edge-replicated, windows clipped at the band's edges), so the
 * right half's features never mix in left-half pixels and vice versa.
 */
export interface FeatureOptions {
  /** Side of the square gray patch around the pixel (odd; default 3). */
  readonly patchSize: number;
  /** 0: the patch's raw values; p > 0: its first p principal components instead. */
  readonly pca: number;
  /** Adds the patch's standard deviation. */
  readonly localStd: boolean;
  /**
   * Radii r of square context windows (2r+1 wide): each adds the mean and the standard
   * deviation of the gray in the window, clipped to the band.
   */
  readonly context: readonly number[];
  /**
   * Radii r of square gradient windows (2r+1 wide, clipped to the band): each adds the
   * structure tensor of the gray's central-difference gradient averaged over the window, as
   * the gradient energy and two orientation terms (default none).
   */
  readonly gradient?: readonly number[];
  /** Adds the pixel's row, as a fraction of the band's height (default false). */
  readonly row?: boolean;
}

/** Fitted feature transform: options plus normalisation (and PCA) statistics of training pixels. */
export interface FeatureState {
  readonly options: FeatureOptions;
  readonly dim: number;
  /** Per-feature mean and standard deviation used to standardise. */
  readonly mean: Float64Array;
  readonly std: Float64Array;
  /** Mean patch and `pca x patchSize^2` basis (rows are components), when `pca > 0`. */
  readonly pcaMean?: Float64Array;
  readonly pcaBasis?: Float64Array;
}

/** JSON form of a {@link FeatureState}. */
export interface FeatureStateJson {
  readonly options: FeatureOptions;
  readonly mean: EncodedArray;
  readonly std: EncodedArray;
  readonly pcaMean?: EncodedArray;
  readonly pcaBasis?: EncodedArray;
}

/** Rows used to fit a PCA: enough for a stable covariance, few enough to stay cheap. */
const PCA_ROWS = 20000;

/** Mean patch and the first `p` principal components of the band's patches, from every `step`-th pixel. */
function fitPca(
  options: FeatureOptions,
  gray: Float64Array,
  width: number,
  height: number,
  p: number,
): { mean: Float64Array; basis: Float64Array } {
  const step = Math.max(1, Math.floor((width * height) / PCA_ROWS));
  const { patches, rows: m } = sampledPatches(options, gray, width, height, step);
  const d = options.patchSize * options.patchSize;
  const mean = new Float64Array(d);
  for (let i = 0; i < m; i++) for (let k = 0; k < d; k++) mean[k] += patches[i * d + k];
  for (let k = 0; k < d; k++) mean[k] /= m;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < d; k++) row[k] = patches[i * d + k] - mean[k];
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[a * d + b] += row[a] * row[b];
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= m;
      cov[b * d + a] = cov[a * d + b];
    }
  }
  return { mean, basis: symmetricEigen(cov, d).vectors.slice(0, p * d) };
}

/**
 * Bands of more pixels fit their feature statistics on a regular sample of at least
 * FIT_SAMPLE_PIXELS pixels instead of every pixel (four passes over every pixel of a 12 MP
 * photograph's training band, two per feature transform). Above every development photograph's
 * training band (retina.jpg's: 1 million pixels), so their features are unchanged.
 */
const FIT_SAMPLE_FROM = 1 << 21;
const FIT_SAMPLE_PIXELS = 1 << 20;

/**
 * Largest matrix of features a fit keeps, in bytes, so that nothing is described twice: fitting
 * holds a band's raw features for its two passes (means, then deviations), and a training set
 * keeps each row's features after its first draw (an epoch draws its rows afresh: logreg draws 13
 * epochs of 60,000 rows from 177,000 on a 768x512 photograph). Anything bigger (a 12 MP
 * photograph's band) is described again where it is needed; the values are the same either way.
 */
export const FEATURE_CACHE_BYTES = 96 * 1024 * 1024;

/** Pixels per band of rows when statistics stream over a band. */
const FIT_BAND_PIXELS = 65536;

/**
 * Fits the feature transform on a training band: the PCA basis (if any) and each feature's
 * mean and standard deviation (a constant feature gets 1, so it standardises to 0). A band whose
 * raw features fit in `holdBytes` is described once for both passes (tests pass 0 to stream it).
 */
export function fitFeatures(
  options: FeatureOptions,
  gray: Float64Array,
  width: number,
  height: number,
  holdBytes = FEATURE_CACHE_BYTES,
): FeatureState {
  checkFeatureOptions(options);
  const n = width * height;
  let pcaMean: Float64Array | undefined;
  let pcaBasis: Float64Array | undefined;
  if (options.pca > 0) {
    const fit = fitPca(options, gray, width, height, options.pca);
    pcaMean = fit.mean;
    pcaBasis = fit.basis;
  }
  const dim = featureDim(options);
  // Two passes over the band's raw features, a band of rows at a time (the sums run over the
  // pixels in the same order as over a matrix of them all, so the statistics are the same).
  const bandRows = Math.max(1, Math.floor(FIT_BAND_PIXELS / width));
  // A band whose raw features fit in `holdBytes` is described once for both passes.
  const held =
    n <= FIT_SAMPLE_FROM && n * dim * Float64Array.BYTES_PER_ELEMENT <= holdBytes
      ? rawFeatures(options, gray, width, height, pcaMean, pcaBasis)
      : undefined;
  const pass = (visit: (raw: Float64Array, pixels: number) => void) => {
    if (held) {
      visit(held, n);
      return;
    }
    const raw = new RawFeatureRows(options, gray, width, height, bandRows, pcaMean, pcaBasis);
    const buffer = new Float64Array(Math.min(bandRows, height) * width * dim);
    for (let y0 = 0; y0 < height; y0 += bandRows) {
      const y1 = Math.min(height, y0 + bandRows);
      visit(raw.rows(y0, y1, buffer), (y1 - y0) * width);
    }
  };
  const mean = new Float64Array(dim);
  const std = new Float64Array(dim);
  let count = n;
  if (n > FIT_SAMPLE_FROM) {
    // A megapixel band: the statistics of every `step`-th pixel (at least FIT_SAMPLE_PIXELS).
    const step = Math.floor(n / FIT_SAMPLE_PIXELS);
    const raw = new RawFeaturePixels(options, gray, width, height, pcaMean, pcaBasis);
    const row = new Float64Array(dim);
    count = 0;
    for (let p = 0; p < n; p += step, count++) {
      raw.pixel(p, row, 0);
      for (let j = 0; j < dim; j++) mean[j] += row[j];
    }
    for (let j = 0; j < dim; j++) mean[j] /= count;
    for (let p = 0; p < n; p += step) {
      raw.pixel(p, row, 0);
      for (let j = 0; j < dim; j++) {
        const t = row[j] - mean[j];
        std[j] += t * t;
      }
    }
  } else {
    pass((raw, pixels) => {
      for (let i = 0; i < pixels; i++) for (let j = 0; j < dim; j++) mean[j] += raw[i * dim + j];
    });
    for (let j = 0; j < dim; j++) mean[j] /= n;
    pass((raw, pixels) => {
      for (let i = 0; i < pixels; i++) {
        for (let j = 0; j < dim; j++) {
          const t = raw[i * dim + j] - mean[j];
          std[j] += t * t;
        }
      }
    });
  }
  for (let j = 0; j < dim; j++) {
    const s = Math.sqrt(std[j] / count);
    std[j] = s > 1e-9 ? s : 1;
  }
  return {
    options: {
      ...options,
      context: [...options.context],
      ...(options.gradient ? { gradient: [...options.gradient] } : {}),
    },
    dim,
    mean,
    std,
    pcaMean,
    pcaBasis,
  };
}

/** Standardises raw feature rows in place with the fitted means and deviations. */
function standardise(state: FeatureState, x: Float64Array, rows: number): void {
  const { dim, mean, std } = state;
  for (let i = 0, o = 0; i < rows; i++) {
    for (let j = 0; j < dim; j++, o++) x[o] = (x[o] - mean[j]) / std[j];
  }
}

/** Standardised features of every pixel of a band: `width * height` rows of `state.dim` values. */
export function computeFeatures(
  state: FeatureState,
  gray: Float64Array,
  width: number,
  height: number,
): Float64Array {
  const out = rawFeatures(state.options, gray, width, height, state.pcaMean, state.pcaBasis);
  standardise(state, out, width * height);
  return out;
}

/**
 * Standardised features of any pixel of a band, in any order: the values
 * {@link computeFeatures} gives those pixels, without a matrix of every pixel's features.
 */
export class PixelFeatures {
  readonly dim: number;
  private readonly raw: RawFeaturePixels;

  constructor(
    readonly state: FeatureState,
    gray: Float64Array,
    width: number,
    height: number,
  ) {
    this.raw = new RawFeaturePixels(state.options, gray, width, height, state.pcaMean, state.pcaBasis);
    this.dim = state.dim;
  }

  /** The features of pixel `p` (`y * width + x`) into out[o .. o + dim). */
  pixel(p: number, out: Float64Array, o: number): void {
    this.raw.pixel(p, out, o);
    const { mean, std } = this.state;
    for (let j = 0; j < this.dim; j++) out[o + j] = (out[o + j] - mean[j]) / std[j];
  }

  /** The features of pixels `pixels`, in that order, as one matrix. */
  gather(pixels: Int32Array): Float64Array {
    const out = new Float64Array(pixels.length * this.dim);
    for (let i = 0; i < pixels.length; i++) this.pixel(pixels[i], out, i * this.dim);
    return out;
  }
}

/** One band of rows of {@link featureBands}: rows [y0, y1) of the image, their features in `x`. */
export interface FeatureBand {
  readonly y0: number;
  readonly y1: number;
  /** `(y1 - y0) * width` rows of `dim` standardised features; overwritten by the next band. */
  readonly x: Float64Array;
}

/**
 * The standardised features of a band of gray, `rows` image rows at a time, top to bottom:
 * the same values as {@link computeFeatures}, without holding every pixel's features at once.
 */
export function* featureBands(
  state: FeatureState,
  gray: Float64Array,
  width: number,
  height: number,
  rows: number,
): Generator<FeatureBand> {
  const band = Math.max(1, Math.min(rows, height));
  const raw = new RawFeatureRows(state.options, gray, width, height, band, state.pcaMean, state.pcaBasis);
  const buffer = new Float64Array(band * width * state.dim);
  for (let y0 = 0; y0 < height; y0 += band) {
    const y1 = Math.min(height, y0 + band);
    const x = buffer.subarray(0, (y1 - y0) * width * state.dim);
    raw.rows(y0, y1, x);
    standardise(state, x, (y1 - y0) * width);
    yield { y0, y1, x };
  }
}

/** The state as JSON. */
export function featureStateToJson(s: FeatureState): FeatureStateJson {
  return {
    options: s.options,
    mean: encodeArray(s.mean),
    std: encodeArray(s.std),
    ...(s.pcaMean && s.pcaBasis
      ? { pcaMean: encodeArray(s.pcaMean), pcaBasis: encodeArray(s.pcaBasis) }
      : {}),
  };
}

/** Restores {@link featureStateToJson}'s output. */
export function featureStateFromJson(j: FeatureStateJson): FeatureState {
  checkFeatureOptions(j.options);
  const mean = decodeArray(j.mean) as Float64Array;
  const dim = featureDim(j.options);
  if (mean.length !== dim) throw new RangeError(`saved features have ${mean.length} values, expected ${dim}`);
  return {
    options: j.options,
    dim,
    mean,
    std: decodeArray(j.std) as Float64Array,
    pcaMean: j.pcaMean && (decodeArray(j.pcaMean) as Float64Array),
    pcaBasis: j.pcaBasis && (decodeArray(j.pcaBasis) as Float64Array),
  };
}
