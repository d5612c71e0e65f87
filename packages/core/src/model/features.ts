import { extractPatches } from "../patches.js";
import { decodeArray, type EncodedArray, encodeArray } from "../typed.js";
import { symmetricEigen } from "./eigen.js";

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

/** Number of features per pixel for these options. */
export function featureDim(o: FeatureOptions): number {
  const d = o.patchSize * o.patchSize;
  return (o.pca > 0 ? o.pca : d) + (o.localStd ? 1 : 0) + 2 * o.context.length + (o.row ? 1 : 0);
}

function checkOptions(o: FeatureOptions): void {
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

/** Summed-area tables of gray and gray^2 with a zero first row and column: (w+1) x (h+1). */
function integralImages(gray: Float64Array, width: number, height: number): [Float64Array, Float64Array] {
  const w1 = width + 1;
  const s = new Float64Array(w1 * (height + 1));
  const s2 = new Float64Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    let row2 = 0;
    for (let x = 0; x < width; x++) {
      const g = gray[y * width + x];
      row += g;
      row2 += g * g;
      s[(y + 1) * w1 + x + 1] = s[y * w1 + x + 1] + row;
      s2[(y + 1) * w1 + x + 1] = s2[y * w1 + x + 1] + row2;
    }
  }
  return [s, s2];
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
  checkOptions(options);
  const n = width * height;
  const s = options.patchSize;
  const d = s * s;
  const dim = featureDim(options);
  const out = new Float64Array(n * dim);
  const patches = extractPatches(gray, width, height, 0, width, s);
  const p = options.pca;
  if (p > 0 && (!pcaMean || !pcaBasis)) throw new Error("PCA features need a fitted basis");
  for (let i = 0; i < n; i++) {
    const po = i * d;
    const o = i * dim;
    let col = 0;
    if (p > 0) {
      for (let c = 0; c < p; c++) {
        let acc = 0;
        for (let k = 0; k < d; k++) acc += (patches[po + k] - pcaMean![k]) * pcaBasis![c * d + k];
        out[o + col++] = acc;
      }
    } else {
      for (let k = 0; k < d; k++) out[o + col++] = patches[po + k];
    }
    if (options.localStd) {
      let m = 0;
      for (let k = 0; k < d; k++) m += patches[po + k];
      m /= d;
      let v = 0;
      for (let k = 0; k < d; k++) v += (patches[po + k] - m) * (patches[po + k] - m);
      out[o + col++] = Math.sqrt(v / d);
    }
  }
  const extra = options.row ? 1 : 0;
  if (options.context.length > 0) {
    const [sa, sa2] = integralImages(gray, width, height);
    const w1 = width + 1;
    const base = dim - extra - 2 * options.context.length;
    options.context.forEach((r, ci) => {
      for (let y = 0; y < height; y++) {
        const y0 = Math.max(y - r, 0);
        const y1 = Math.min(y + r + 1, height);
        for (let x = 0; x < width; x++) {
          const x0 = Math.max(x - r, 0);
          const x1 = Math.min(x + r + 1, width);
          const cnt = (y1 - y0) * (x1 - x0);
          const sum = sa[y1 * w1 + x1] - sa[y0 * w1 + x1] - sa[y1 * w1 + x0] + sa[y0 * w1 + x0];
          const sum2 = sa2[y1 * w1 + x1] - sa2[y0 * w1 + x1] - sa2[y1 * w1 + x0] + sa2[y0 * w1 + x0];
          const m = sum / cnt;
          const v = sum2 / cnt - m * m;
          const o = (y * width + x) * dim + base + 2 * ci;
          out[o] = m;
          out[o + 1] = v > 0 ? Math.sqrt(v) : 0;
        }
      }
    });
  }
  if (options.row) {
    for (let y = 0; y < height; y++) {
      const v = height > 1 ? y / (height - 1) : 0;
      for (let x = 0; x < width; x++) out[(y * width + x) * dim + dim - 1] = v;
    }
  }
  return out;
}

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
  checkOptions(options);
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

/** Standardised features of every pixel of a band: `width * height` rows of `state.dim` values. */
export function computeFeatures(
  state: FeatureState,
  gray: Float64Array,
  width: number,
  height: number,
): Float64Array {
  const out = rawFeatures(state.options, gray, width, height, state.pcaMean, state.pcaBasis);
  const dim = state.dim;
  const { mean, std } = state;
  for (let i = 0, o = 0; i < width * height; i++) {
    for (let j = 0; j < dim; j++, o++) out[o] = (out[o] - mean[j]) / std[j];
  }
  return out;
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
  checkOptions(j.options);
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
