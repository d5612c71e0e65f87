import type { FeatureState } from "./features.js";
import { GRADIENT_VALUES, gradientColumn } from "./raw-features.js";

/**
 * How a pixel's standardised features become those of the same pixel in the band's left-right
 * mirror image, without describing the mirror image: every gray-only feature of a mirrored band
 * is a feature of the band itself, moved or negated. The patch's columns swap (row-major,
 * (r, c) to (r, p - 1 - c)); its spread and the context windows' means and spreads stay; of each
 * structure-tensor window, gx changes sign, so the energy and (a - b)/(a + b + 1) stay and
 * 2c/(a + b + 1) is negated; the row stays. With s the sign, the mirrored raw value of column j
 * is s_j raw[source_j], so the standardised one is `scale_j x[source_j] + offset_j`.
 */
export interface MirrorMap {
  readonly dim: number;
  readonly source: Int32Array;
  readonly scale: Float64Array;
  readonly offset: Float64Array;
}

/**
 * The mirror map of a feature transform; undefined with principal components of the patch
 * (`pca > 0`), whose mirror is no permutation of them.
 */
export function mirrorMap(state: FeatureState): MirrorMap | undefined {
  const o = state.options;
  if (o.pca > 0) return undefined;
  const { dim, mean, std } = state;
  const source = new Int32Array(dim);
  const sign = new Float64Array(dim).fill(1);
  for (let j = 0; j < dim; j++) source[j] = j;
  const p = o.patchSize;
  for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) source[r * p + c] = r * p + (p - 1 - c);
  // Each window's third value, 2c/(a + b + 1), is the one gx's sign flips.
  const base = gradientColumn(o);
  for (let g = 0; g < (o.gradient?.length ?? 0); g++) sign[base + GRADIENT_VALUES * g + 2] = -1;
  const scale = new Float64Array(dim);
  const offset = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    const s = source[j];
    scale[j] = (sign[j] * std[s]) / std[j];
    offset[j] = (sign[j] * mean[s] - mean[j]) / std[j];
  }
  return { dim, source, scale, offset };
}

/** The mirrored features of `rows` rows of standardised features `x`, into `out` (not `x`). */
export function mirrorFeatures(
  map: MirrorMap,
  x: Float64Array,
  rows: number,
  out: Float64Array,
): Float64Array {
  const { dim, source, scale, offset } = map;
  for (let i = 0, o = 0; i < rows; i++, o += dim) {
    for (let j = 0; j < dim; j++) out[o + j] = scale[j] * x[o + source[j]] + offset[j];
  }
  return out;
}

/** The mirror map of a feature transform, or a one-line error for one that has none. */
export function requireMirrorMap(state: FeatureState): MirrorMap {
  const map = mirrorMap(state);
  if (!map)
    throw new RangeError(
      "flip needs the patch's raw values (pca 0): its principal components have no mirror map",
    );
  return map;
}
