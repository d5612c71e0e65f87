import type { TrainSet } from "../task.js";
import type { Dataset } from "./dataset.js";
import { computeFeatures, type FeatureState } from "./features.js";
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

/** `a` then `b`, as one array. */
function concat<T extends Float64Array | Uint8Array>(a: T, b: T): T {
  const out = new (a.constructor as new (n: number) => T)(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * The training rows of one feature transform: the features (`all`, every pixel of the band) of
 * the pixels `rows` with their targets, plus, with `mirror`, the same pixels of the band flipped
 * left to right (the same colours, the patches flipped), which doubles the rows.
 */
export function trainingRows(
  features: FeatureState,
  data: TrainSet,
  all: Float64Array,
  rows: Int32Array,
  targets: Targets,
  mirror: boolean,
): Dataset {
  const { width, height } = data;
  const direct: Dataset = {
    x: gatherRows(all, features.dim, rows),
    n: rows.length,
    dim: features.dim,
    ...targets,
  };
  if (!mirror) return direct;
  // Features come from the flipped band as a whole, so windows clip alike.
  const flipped = computeFeatures(features, mirrorBand(data.gray, width, height), width, height);
  const t = targets;
  return {
    x: concat(direct.x, gatherRows(flipped, features.dim, mirroredRows(rows, width))),
    n: 2 * rows.length,
    dim: features.dim,
    targetSize: t.targetSize,
    labels: t.labels && concat(t.labels, t.labels),
    targets: t.targets && concat(t.targets, t.targets),
    weights: t.weights && concat(t.weights, t.weights),
  };
}
