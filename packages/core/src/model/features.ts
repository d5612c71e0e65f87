import { extractPatches } from "../patches.js";
import { decodeArray, type EncodedArray, encodeArray } from "../typed.js";
import { symmetricEigen } from "./eigen.js";
import { checkFeatureOptions, featureDim, RawFeatureRows, rawFeatures } from "./raw-features.js";

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

function fitPca(
  patches: Float64Array,
  n: number,
  d: number,
  p: number,
): { mean: Float64Array; basis: Float64Array } {
  const step = Math.max(1, Math.floor(n / PCA_ROWS));
  const mean = new Float64Array(d);
  let m = 0;
  for (let i = 0; i < n; i += step, m++) for (let k = 0; k < d; k++) mean[k] += patches[i * d + k];
  for (let k = 0; k < d; k++) mean[k] /= m;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i += step) {
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
 * Fits the feature transform on a training band: the PCA basis (if any) and each feature's
 * mean and standard deviation (a constant feature gets 1, so it standardises to 0).
 */
export function fitFeatures(
  options: FeatureOptions,
  gray: Float64Array,
  width: number,
  height: number,
): FeatureState {
  checkFeatureOptions(options);
  const n = width * height;
  const d = options.patchSize * options.patchSize;
  let pcaMean: Float64Array | undefined;
  let pcaBasis: Float64Array | undefined;
  if (options.pca > 0) {
    const fit = fitPca(extractPatches(gray, width, height, 0, width, options.patchSize), n, d, options.pca);
    pcaMean = fit.mean;
    pcaBasis = fit.basis;
  }
  const raw = rawFeatures(options, gray, width, height, pcaMean, pcaBasis);
  const dim = featureDim(options);
  const mean = new Float64Array(dim);
  const std = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += raw[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) {
      const t = raw[i * dim + j] - mean[j];
      std[j] += t * t;
    }
  }
  for (let j = 0; j < dim; j++) {
    const s = Math.sqrt(std[j] / n);
    std[j] = s > 1e-9 ? s : 1;
  }
  return {
    options: { ...options, context: [...options.context] },
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
