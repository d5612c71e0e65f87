/**
 * The constants of the kd-tree search's exactness argument, defined once: the JavaScript
 * traversal (kd-search.ts) and the WebAssembly kernels (wasm-*.ts) both import them.
 */

/**
 * Pruning slack, in squared-distance units. Exact distances between integer rows are integers,
 * while node bounds are computed in the rotated float64 frame. For rows of at most 81 values of
 * magnitude at most 2^21 (gray x 100 patches are 9 values up to 25500), rotation and rounding
 * move a bound by far less than 0.01; a node whose computed bound exceeds the k-th distance by
 * more than 0.5 therefore holds only rows strictly farther, and skipping it cannot change the
 * answer. See {@link maxExactMagnitude}.
 */
export const PRUNE_SLACK = 0.5;

/** Largest |value| for which the kd-tree search is proven exact (see {@link PRUNE_SLACK}). */
export const maxExactMagnitude = 2 ** 21;

/**
 * The int16 range the SIMD leaf filter stores values in, less the tree's centre: a tree whose
 * training values span less than 65535 keeps them exactly, and queries are searched by the
 * WebAssembly kernels when theirs fit the same range (else by the JavaScript traversal).
 */
export const INT16_MIN = -32768;
export const INT16_MAX = 32767;

/**
 * Filter sums are clamped to this (see wasm-scan.ts), so that adding two of them cannot wrap; below
 * it they are exact.
 */
export const FILTER_CAP = 2 ** 31 - 1;

/** The unsigned 32-bit threshold that lets every row through. */
export const FILTER_ALL = 2 ** 32 - 1;

/**
 * The integer threshold of the SIMD leaf filter for a k-th distance `kth` (an integer, or
 * infinity before k rows are found): `kth` itself below {@link FILTER_CAP}, where filter sums
 * are exact or smaller than the exact distance, else {@link FILTER_ALL}, which keeps the rows
 * whose sums were clamped. Every row at most `kth` away passes (see wasm-scan.ts).
 */
export function filterThreshold(kth: number): number {
  return kth < FILTER_CAP ? kth : FILTER_ALL;
}

/**
 * The centre subtracted from every value before it is stored as int16: the middle of the
 * training values' range `[lo, hi]`, rounded down, or undefined when they span 65535 or more.
 */
export function int16Centre(lo: number, hi: number): number | undefined {
  if (hi - lo >= INT16_MAX - INT16_MIN) return undefined;
  return Math.floor((lo + hi) / 2);
}
