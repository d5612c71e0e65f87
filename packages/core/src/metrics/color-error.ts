/**
 * Per-pixel colour errors in CIELAB between a true and a predicted RGB band: CIEDE2000 and the
 * chroma-plane (a*, b*) distance, plus the AuC of Zhang, Isola & Efros (ECCV 2016) built on the
 * latter. Lab is computed once per distinct 24-bit colour: photographs repeat colours heavily,
 * and a predicted band painted from a palette has only a handful.
 */
import { ciede2000 } from "./ciede2000.js";
import { srgbToLabInto } from "./color.js";
import { type BandColors, indexBandColors } from "./color-index.js";

/** Largest ab-distance threshold of the AuC; thresholds are 0, 1, ..., AUC_AB_MAX_THRESHOLD. */
export const AUC_AB_MAX_THRESHOLD = 150;

/** Means over a band, as returned by {@link colorErrors}. */
export interface ColorErrorSummary {
  /** Mean ΔE00 over pixels. */
  readonly deltaE2000: number;
  /** Mean over t = 0..150 of the share of pixels whose ab distance is at most t, in [0, 1]. */
  readonly aucAb: number;
}

function aucFromHistogram(hist: Float64Array, n: number): number {
  // hist[k] counts pixels whose smallest passing threshold is k; share(t) is the prefix sum.
  let cumulative = 0;
  let total = 0;
  for (let t = 0; t <= AUC_AB_MAX_THRESHOLD; t++) {
    cumulative += hist[t];
    total += cumulative / n;
  }
  return total / (AUC_AB_MAX_THRESHOLD + 1);
}

/**
 * ΔE00 and ab-distance summaries of two interleaved RGB buffers of equal length. When given,
 * `deltaEOut` and `abOut` (one entry per pixel) receive the per-pixel values.
 *
 * @throws RangeError when the buffers differ in length, are empty, or are not whole pixels.
 */
export function colorErrors(
  truth: Uint8Array,
  pred: Uint8Array,
  deltaEOut?: Float64Array,
  abOut?: Float64Array,
): ColorErrorSummary {
  if (truth.length !== pred.length || truth.length === 0 || truth.length % 3 !== 0) {
    throw new RangeError(
      `colour errors need two equal non-empty RGB buffers, got ${truth.length} and ${pred.length}`,
    );
  }
  return colorErrorsOfBand(indexBandColors(truth, pred), deltaEOut, abOut);
}

/** {@link colorErrors} on a band whose colours are already indexed (see `indexBandColors`). */
export function colorErrorsOfBand(
  band: BandColors,
  deltaEOut?: Float64Array,
  abOut?: Float64Array,
): ColorErrorSummary {
  const { colors, ti, pi } = band;
  const n = ti.length;
  if (n === 0) throw new RangeError("colour errors need at least one pixel");
  if ((deltaEOut && deltaEOut.length !== n) || (abOut && abOut.length !== n)) {
    throw new RangeError(`per-pixel outputs must hold ${n} values`);
  }
  const lab = new Float64Array(3 * colors.length);
  for (let s = 0; s < colors.length; s++) {
    const key = colors[s];
    srgbToLabInto(key >>> 16, (key >>> 8) & 255, key & 255, lab, 3 * s);
  }
  // Per true colour, the last predicted colour met with it and their ΔE00: a palette-painted
  // prediction pairs each true colour with one or two colours, so most pixels skip the formula.
  const lastPred = new Int32Array(colors.length).fill(-1);
  const lastDe = new Float64Array(colors.length);
  const hist = new Float64Array(AUC_AB_MAX_THRESHOLD + 1);
  let sumDe = 0;
  for (let i = 0; i < n; i++) {
    const ts = ti[i];
    const ps = pi[i];
    const t = 3 * ts;
    const p = 3 * ps;
    const ta = lab[t + 1];
    const tb = lab[t + 2];
    const pa = lab[p + 1];
    const pb = lab[p + 2];
    let de: number;
    if (ts === ps) de = 0;
    else if (lastPred[ts] === ps) de = lastDe[ts];
    else {
      de = ciede2000(lab[t], ta, tb, lab[p], pa, pb);
      lastPred[ts] = ps;
      lastDe[ts] = de;
    }
    sumDe += de;
    const da = ta - pa;
    const db = tb - pb;
    const ab = Math.sqrt(da * da + db * db);
    // The smallest integer threshold t with ab <= t is ceil(ab).
    const k = Math.ceil(ab);
    if (k <= AUC_AB_MAX_THRESHOLD) hist[k]++;
    if (deltaEOut) deltaEOut[i] = de;
    if (abOut) abOut[i] = ab;
  }
  return { deltaE2000: sumDe / n, aucAb: aucFromHistogram(hist, n) };
}

/** Per-pixel ΔE00 between two interleaved RGB buffers: `Float64Array(n)`, for heat maps. */
export function deltaE2000Map(truth: Uint8Array, pred: Uint8Array): Float64Array {
  const out = new Float64Array(truth.length / 3);
  colorErrors(truth, pred, out);
  return out;
}

/** Per-pixel chroma-plane error `sqrt(Δa*² + Δb*²)` between two interleaved RGB buffers: `Float64Array(n)`. */
export function abErrorMap(truth: Uint8Array, pred: Uint8Array): Float64Array {
  const out = new Float64Array(truth.length / 3);
  colorErrors(truth, pred, undefined, out);
  return out;
}

/**
 * AuC of the ab-error curve from per-pixel ab distances: the mean over thresholds
 * t = 0, 1, ..., 150 of the share of pixels with distance <= t. In [0, 1]; 1 when all are 0.
 * Distances are non-negative; a NaN never passes a threshold.
 */
export function aucAbFromErrors(abErrors: ArrayLike<number>): number {
  const n = abErrors.length;
  if (n === 0) throw new RangeError("aucAb needs at least one pixel");
  const hist = new Float64Array(AUC_AB_MAX_THRESHOLD + 1);
  for (let i = 0; i < n; i++) {
    const d = abErrors[i];
    const k = d > 0 ? Math.ceil(d) : 0;
    if (k <= AUC_AB_MAX_THRESHOLD) hist[k]++;
  }
  return aucFromHistogram(hist, n);
}
