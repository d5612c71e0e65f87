import type { Palette } from "./palette.js";
import type { Rng } from "./prng.js";

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Number of clusters requested; fewer are returned when there are fewer distinct colours. */
  k: number;
  /** Random source for the k-means++ initialisation. */
  rng: Rng;
  /** Upper bound on Lloyd iterations (default 300); iteration stops earlier when no label changes. */
  maxIterations?: number;
}

/** Result of {@link kmeans}. */
export interface KMeansResult {
  /** Centroids, float64, `centroids[3 * i + ch]`. */
  centroids: Float64Array;
  /** The centroids rounded to 8-bit colours: the palette. */
  palette: Palette;
  /** Lloyd iterations run. */
  iterations: number;
  /** Whether assignments stopped changing before `maxIterations`. */
  converged: boolean;
  /** Sum of squared RGB distances of every pixel to its centroid (float centroids). */
  inertia: number;
  /** Number of distinct colours in the input. */
  distinctColors: number;
}

/** Distinct colours of an interleaved RGB buffer with their counts, sorted by 24-bit value. */
export function distinctColors(rgb: Uint8Array): { colors: Float64Array; counts: Float64Array } {
  const n = rgb.length / 3;
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = (rgb[i * 3] << 16) | (rgb[i * 3 + 1] << 8) | rgb[i * 3 + 2];
  keys.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) m++;
  const colors = new Float64Array(m * 3);
  const counts = new Float64Array(m);
  let j = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || keys[i] !== keys[i - 1]) {
      j++;
      const k = keys[i];
      colors[j * 3] = (k >>> 16) & 255;
      colors[j * 3 + 1] = (k >>> 8) & 255;
      colors[j * 3 + 2] = k & 255;
    }
    counts[j]++;
  }
  return { colors, counts };
}

/**
 * Assigns each point to its nearest centroid (squared Euclidean, ties to the lower index).
 * Returns the number of labels that changed. This is the reference for the compute kernel.
 */
export function assignToCentroids(
  points: Float64Array,
  centroids: Float64Array,
  k: number,
  labels: Int32Array,
  dist2: Float64Array,
): number {
  const n = labels.length;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const r = points[i * 3];
    const g = points[i * 3 + 1];
    const b = points[i * 3 + 2];
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const dr = r - centroids[c * 3];
      const dg = g - centroids[c * 3 + 1];
      const db = b - centroids[c * 3 + 2];
      const d = dr * dr + dg * dg + db * db;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (labels[i] !== best) changed++;
    labels[i] = best;
    dist2[i] = bestD;
  }
  return changed;
}

/** Picks an index with probability proportional to `weights` (all non-negative, positive sum). */
function pickWeighted(weights: Float64Array, total: number, rng: Rng): number {
  const target = rng.next() * total;
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    if (acc > target && weights[i] > 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return 0;
}

/**
 * k-means on the colours of an interleaved RGB buffer: k-means++ initialisation (weighted by
 * pixel counts, drawn from `rng`), then Lloyd iterations until no assignment changes.
 * Works on distinct colours weighted by their counts, which gives the same result as running on
 * every pixel but far faster. An emptied cluster is re-seeded at the colour farthest from its
 * centroid. When k exceeds the number of distinct colours, each distinct colour is its own cluster.
 */
export function kmeans(rgb: Uint8Array, options: KMeansOptions): KMeansResult {
  const { k, rng } = options;
  const maxIterations = options.maxIterations ?? 300;
  if (!Number.isInteger(k) || k < 1 || k > 255)
    throw new RangeError(`k must be an integer in 1..255, got ${k}`);
  if (rgb.length === 0 || rgb.length % 3 !== 0) throw new RangeError("k-means needs at least one RGB colour");
  const { colors, counts } = distinctColors(rgb);
  const m = counts.length;
  const kk = Math.min(k, m);
  const centroids = new Float64Array(kk * 3);
  const labels = new Int32Array(m).fill(-1);
  const dist2 = new Float64Array(m);
  let iterations = 0;
  let converged = true;

  if (kk === m) {
    centroids.set(colors);
    for (let i = 0; i < m; i++) labels[i] = i;
  } else {
    // k-means++: first centre by count, then by count x squared distance to the nearest centre.
    const w = new Float64Array(m);
    let first = pickWeighted(counts, sumOf(counts), rng);
    centroids.set(colors.subarray(first * 3, first * 3 + 3), 0);
    const best = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
    for (let c = 1; c < kk; c++) {
      let total = 0;
      const pc = (c - 1) * 3;
      for (let i = 0; i < m; i++) {
        const dr = colors[i * 3] - centroids[pc];
        const dg = colors[i * 3 + 1] - centroids[pc + 1];
        const db = colors[i * 3 + 2] - centroids[pc + 2];
        const d = dr * dr + dg * dg + db * db;
        if (d < best[i]) best[i] = d;
        w[i] = counts[i] * best[i];
        total += w[i];
      }
      first = total > 0 ? pickWeighted(w, total, rng) : c;
      centroids.set(colors.subarray(first * 3, first * 3 + 3), c * 3);
    }
    converged = false;
    const sums = new Float64Array(kk * 3);
    const weight = new Float64Array(kk);
    while (iterations < maxIterations) {
      iterations++;
      const changed = assignToCentroids(colors, centroids, kk, labels, dist2);
      if (changed === 0 && iterations > 1) {
        converged = true;
        break;
      }
      sums.fill(0);
      weight.fill(0);
      for (let i = 0; i < m; i++) {
        const l = labels[i];
        const cnt = counts[i];
        sums[l * 3] += colors[i * 3] * cnt;
        sums[l * 3 + 1] += colors[i * 3 + 1] * cnt;
        sums[l * 3 + 2] += colors[i * 3 + 2] * cnt;
        weight[l] += cnt;
      }
      for (let c = 0; c < kk; c++) {
        if (weight[c] > 0) {
          centroids[c * 3] = sums[c * 3] / weight[c];
          centroids[c * 3 + 1] = sums[c * 3 + 1] / weight[c];
          centroids[c * 3 + 2] = sums[c * 3 + 2] / weight[c];
        } else {
          // Re-seed an empty cluster at the colour that is worst served, and forget it there.
          let far = 0;
          for (let i = 1; i < m; i++) if (dist2[i] * counts[i] > dist2[far] * counts[far]) far = i;
          centroids.set(colors.subarray(far * 3, far * 3 + 3), c * 3);
          dist2[far] = 0;
        }
      }
    }
  }
  assignToCentroids(colors, centroids, kk, labels, dist2);
  let inertia = 0;
  for (let i = 0; i < m; i++) inertia += dist2[i] * counts[i];
  const pal = new Uint8Array(kk * 3);
  for (let i = 0; i < kk * 3; i++) pal[i] = Math.min(255, Math.max(0, Math.round(centroids[i])));
  return {
    centroids,
    palette: { size: kk, colors: pal },
    iterations,
    converged,
    inertia,
    distinctColors: m,
  };
}

function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
