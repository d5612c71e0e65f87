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

/** Relative margin of the float32 leaf filter's threshold (see {@link filterThreshold}). */
export const FILTER_SCALE = 1 + 2 ** -14;

/** Absolute margin of the float32 leaf filter's threshold, in squared-distance units. */
export const FILTER_OFFSET = 1;

/**
 * Smallest float32 threshold that keeps every row whose exact squared distance is <= `kth`:
 * `fround(kth * FILTER_SCALE + FILTER_OFFSET)`, infinity staying infinity (the WebAssembly leaf
 * computes the same float64 product and sum, then demotes to float32 with the same rounding).
 * Differences of exactly representable integers are exact in float32; squaring and summing
 * `dim` of them is within (dim + 1) 2^-24 of the exact sum, relatively, which 2^-14 covers for
 * dim <= 81 together with the rounding of the threshold itself.
 */
export function filterThreshold(kth: number): number {
  if (kth === Number.POSITIVE_INFINITY) return kth;
  return Math.fround(kth * FILTER_SCALE + FILTER_OFFSET);
}
