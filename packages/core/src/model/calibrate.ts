/**
 * Decodes `n` rows of raw outputs `z` of pixels of gray `gray` into `rgb` with one value of a
 * decoding setting (a temperature, a chroma scale, ...).
 */
export type DecodeWith<T> = (
  setting: T,
  z: Float64Array,
  n: number,
  gray: Float64Array,
  rgb: Uint8Array,
) => void;

/**
 * The grid search behind {@link Objective.calibrate}: decodes the validation strip's outputs with
 * every candidate setting and returns the one whose colours score lowest (the first of equal
 * ones), or `current` when no candidate scores below infinity.
 */
export function calibrateSetting<T>(
  candidates: readonly T[],
  current: T,
  decodeWith: DecodeWith<T>,
  z: Float64Array,
  n: number,
  gray: Float64Array,
  score: (rgb: Uint8Array) => number,
): T {
  const rgb = new Uint8Array(n * 3);
  let best = Number.POSITIVE_INFINITY;
  let chosen = current;
  for (const c of candidates) {
    decodeWith(c, z, n, gray, rgb);
    const s = score(rgb);
    if (s < best) {
      best = s;
      chosen = c;
    }
  }
  return chosen;
}
