/**
 * Luminance remapping (Welsh, Ashikhmin & Mueller 2002, section 3, after Hertzmann et al. 2001):
 * two photographs of a similar scene differ in exposure and contrast, so before the gray of a
 * target is matched against the gray a reference taught, it is shifted and scaled to the
 * reference's mean and standard deviation. It serves matching only; the colours put out keep the
 * target's own gray.
 */

/** Mean and population standard deviation of a gray image, on the 0..255 scale. */
export interface GrayStats {
  readonly mean: number;
  readonly std: number;
}

/** Mean and standard deviation of `gray`, in two passes (no cancellation from a running sum of squares). */
export function grayStats(gray: Float64Array): GrayStats {
  const n = gray.length;
  if (n === 0) throw new RangeError("gray statistics need at least one pixel");
  let sum = 0;
  for (let i = 0; i < n; i++) sum += gray[i];
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = gray[i] - mean;
    sq += d * d;
  }
  return { mean, std: Math.sqrt(sq / n) };
}

/**
 * `gray` remapped from the statistics `from` (its own) to `to` (the reference's):
 * g' = to.mean + (to.std / from.std) (g - from.mean), clamped to [0, 255] because no photograph
 * the agent learned from held gray outside it. A constant image (from.std = 0) maps to to.mean.
 * Returns a new array; `gray` is not changed.
 */
export function remapGray(gray: Float64Array, from: GrayStats, to: GrayStats): Float64Array {
  const scale = from.std > 0 ? to.std / from.std : 0;
  const out = new Float64Array(gray.length);
  for (let i = 0; i < gray.length; i++) {
    const v = to.mean + scale * (gray[i] - from.mean);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}
