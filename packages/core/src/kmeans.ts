import type { Assign } from "./kernels.js";
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
  /** Independent k-means++ starts; the run with the lowest inertia is kept (default 8). */
  restarts?: number;
  /**
   * The assignment kernel that labels every colour with its nearest centre when a run stops, for
   * its inertia (which picks the start that is kept); e.g. `RunContext.kernels.assign`. It must
   * give {@link assignToCentroids}'s labels and distances exactly (default: that function). The
   * Lloyd iterations themselves compare each colour only with the centres that can be nearest to
   * its cell of a colour grid (see `lloyd`), so they stay in this loop.
   */
  assign?: Assign;
}

/** Result of {@link kmeans}. */
export interface KMeansResult {
  /** Centroids, float64, `centroids[3 * i + ch]`. */
  centroids: Float64Array;
  /** The centroids rounded to 8-bit colours: the palette. */
  palette: Palette;
  /** Lloyd iterations of the kept run. */
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
  const keys = sortedKeys(rgb, n);
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

/** The 24-bit colours of `n` pixels in ascending order: a least-significant-digit radix sort, two passes of 12 bits. */
function sortedKeys(rgb: Uint8Array, n: number): Uint32Array {
  const keys = new Uint32Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 3) keys[i] = (rgb[p] << 16) | (rgb[p + 1] << 8) | rgb[p + 2];
  const tmp = new Uint32Array(n);
  const count = new Int32Array(4097);
  for (const shift of [0, 12]) {
    const src = shift === 0 ? keys : tmp;
    const dst = shift === 0 ? tmp : keys;
    count.fill(0);
    for (let i = 0; i < n; i++) count[((src[i] >>> shift) & 4095) + 1]++;
    for (let d = 0; d < 4096; d++) count[d + 1] += count[d];
    for (let i = 0; i < n; i++) dst[count[(src[i] >>> shift) & 4095]++] = src[i];
  }
  return keys;
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

/** One k-means run on weighted distinct colours. */
interface Run {
  centroids: Float64Array;
  iterations: number;
  converged: boolean;
  inertia: number;
}

/** k-means++ seeding: first centre by count, then by count x squared distance to the nearest centre. */
function seedCentroids(colors: Float64Array, counts: Float64Array, kk: number, rng: Rng): Float64Array {
  const m = counts.length;
  const centroids = new Float64Array(kk * 3);
  const w = new Float64Array(m);
  let pick = pickWeighted(counts, sumOf(counts), rng);
  centroids.set(colors.subarray(pick * 3, pick * 3 + 3), 0);
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
    pick = total > 0 ? pickWeighted(w, total, rng) : c;
    centroids.set(colors.subarray(pick * 3, pick * 3 + 3), c * 3);
  }
  return centroids;
}

/** Lloyd iterations every k-means++ start gets before the best start is run to convergence. */
const PROBE_ITERATIONS = 10;

/**
 * The distinct colours grouped by cell of a 16 x 16 x 16 grid over the RGB cube, with each
 * cell's bounding box: shared by every start of one k-means run.
 */
interface ColorCells {
  /** Occupied cells, as ranges of `members`: cell q holds `members[start[q] .. start[q + 1])`. */
  readonly start: Int32Array;
  /** Colour indices, ascending within each cell. */
  readonly members: Int32Array;
  /** Per occupied cell, the smallest and largest value of each channel, `3 * cells` each. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

const CELL_SHIFT = 4;

function colorCells(colors: Float64Array, m: number): ColorCells {
  const side = 256 >> CELL_SHIFT;
  const cellOf = new Int32Array(m);
  const count = new Int32Array(side * side * side + 1);
  for (let i = 0; i < m; i++) {
    const q =
      ((colors[i * 3] >> CELL_SHIFT) * side + (colors[i * 3 + 1] >> CELL_SHIFT)) * side +
      (colors[i * 3 + 2] >> CELL_SHIFT);
    cellOf[i] = q;
    count[q + 1]++;
  }
  // Number the occupied cells, then place every colour in its cell in ascending order.
  const id = new Int32Array(side * side * side).fill(-1);
  let cells = 0;
  for (let q = 0; q < side * side * side; q++) if (count[q + 1] > 0) id[q] = cells++;
  const start = new Int32Array(cells + 1);
  for (let i = 0; i < m; i++) start[id[cellOf[i]] + 1]++;
  for (let c = 0; c < cells; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cells);
  const members = new Int32Array(m);
  const lo = new Float64Array(cells * 3).fill(Number.POSITIVE_INFINITY);
  const hi = new Float64Array(cells * 3).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < m; i++) {
    const c = id[cellOf[i]];
    members[fill[c]++] = i;
    for (let j = 0; j < 3; j++) {
      const v = colors[i * 3 + j];
      if (v < lo[c * 3 + j]) lo[c * 3 + j] = v;
      if (v > hi[c * 3 + j]) hi[c * 3 + j] = v;
    }
  }
  return { start, members, lo, hi };
}

// A cell is given to one centre only when every point of its box is nearer that centre than any
// other by more than this (in squared distance, far above float rounding at these magnitudes), so
// each of its colours has that centre as its one nearest, as the per-colour loop would find.
const OWN_MARGIN = 1e-6;

/**
 * The centres that can be nearest to some point of cell `c`'s box, in ascending order, into
 * `out`; returns how many. A centre b is left out when another, a (the one nearest the box's
 * middle), is nearer than b to every point of the box by {@link OWN_MARGIN}: for centres a and b,
 * |x - a|² - |x - b|² = 2 x.(b - a) + |a|² - |b|² is linear in x, so its largest value over the box
 * is at the corner that maximises x.(b - a). A centre left out is never the nearest of a colour of
 * the cell, nor tied with it.
 */
function candidatesOf(
  cells: ColorCells,
  c: number,
  centroids: Float64Array,
  norms: Float64Array,
  kk: number,
  out: Int32Array,
): number {
  const { lo, hi } = cells;
  let a = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < kk; k++) {
    let d = 0;
    for (let j = 0; j < 3; j++) {
      const t = 0.5 * (lo[c * 3 + j] + hi[c * 3 + j]) - centroids[k * 3 + j];
      d += t * t;
    }
    if (d < best) {
      best = d;
      a = k;
    }
  }
  let n = 0;
  for (let b = 0; b < kk; b++) {
    if (b !== a) {
      let top = norms[a] - norms[b];
      for (let j = 0; j < 3; j++) {
        const v = centroids[b * 3 + j] - centroids[a * 3 + j];
        top += 2 * v * (v > 0 ? hi[c * 3 + j] : lo[c * 3 + j]);
      }
      if (top < -OWN_MARGIN) continue;
    }
    out[n++] = b;
  }
  return n;
}

/**
 * Lloyd iterations from the given centres until no assignment changes. The colours are visited
 * cell by cell (see {@link colorCells}), each compared only with the centres that can be nearest
 * to some point of its cell's box (see {@link candidatesOf}); a cell with one such centre gives it
 * to each of its colours without a distance. Colours and counts are integers, so
 * the per-cluster sums, updated only for colours that move, stay exact, and the assignments
 * (nearest centre, ties to the lower index) and centres are exactly those of plain Lloyd
 * iterations.
 */
function lloyd(
  colors: Float64Array,
  counts: Float64Array,
  cells: ColorCells,
  centroids: Float64Array,
  kk: number,
  maxIterations: number,
  assign: Assign,
): Run {
  const m = counts.length;
  const labels = new Int32Array(m).fill(-1);
  const sums = new Float64Array(kk * 3);
  const weight = new Float64Array(kk);
  const prev = new Float64Array(kk * 3);
  const norms = new Float64Array(kk);
  const candidates = new Int32Array(kk);
  const { start, members } = cells;
  const cellCount = start.length - 1;
  let iterations = 0;
  let converged = false;
  // Moves colour i from its cluster to `to`, keeping the sums exact.
  const move = (i: number, to: number) => {
    const from = labels[i];
    const cnt = counts[i];
    const r = colors[i * 3];
    const g = colors[i * 3 + 1];
    const b = colors[i * 3 + 2];
    if (from >= 0) {
      sums[from * 3] -= r * cnt;
      sums[from * 3 + 1] -= g * cnt;
      sums[from * 3 + 2] -= b * cnt;
      weight[from] -= cnt;
    }
    sums[to * 3] += r * cnt;
    sums[to * 3 + 1] += g * cnt;
    sums[to * 3 + 2] += b * cnt;
    weight[to] += cnt;
    labels[i] = to;
  };
  while (iterations < maxIterations) {
    iterations++;
    for (let k = 0; k < kk; k++) {
      const x = centroids[k * 3];
      const y = centroids[k * 3 + 1];
      const z = centroids[k * 3 + 2];
      norms[k] = x * x + y * y + z * z;
    }
    let changed = 0;
    for (let c = 0; c < cellCount; c++) {
      const n = candidatesOf(cells, c, centroids, norms, kk, candidates);
      const e = start[c + 1];
      if (n === 1) {
        const owner = candidates[0];
        for (let t = start[c]; t < e; t++) {
          const i = members[t];
          if (labels[i] !== owner) {
            changed++;
            move(i, owner);
          }
        }
        continue;
      }
      for (let t = start[c]; t < e; t++) {
        const i = members[t];
        const r = colors[i * 3];
        const g = colors[i * 3 + 1];
        const b = colors[i * 3 + 2];
        let best = 0;
        let bestD = Number.POSITIVE_INFINITY;
        for (let q = 0; q < n; q++) {
          const k = candidates[q];
          const dr = r - centroids[k * 3];
          const dg = g - centroids[k * 3 + 1];
          const db = b - centroids[k * 3 + 2];
          const d = dr * dr + dg * dg + db * db;
          if (d < bestD) {
            bestD = d;
            best = k;
          }
        }
        if (best !== labels[i]) {
          changed++;
          move(i, best);
        }
      }
    }
    if (changed === 0) {
      converged = true;
      break;
    }
    prev.set(centroids);
    for (let c = 0; c < kk; c++) {
      if (weight[c] > 0) {
        centroids[c * 3] = sums[c * 3] / weight[c];
        centroids[c * 3 + 1] = sums[c * 3 + 1] / weight[c];
        centroids[c * 3 + 2] = sums[c * 3 + 2] / weight[c];
      } else {
        // Re-seed an empty cluster at the colour that is worst served; it is assigned afresh.
        let far = -1;
        let farD = -1;
        for (let i = 0; i < m; i++) {
          const l = labels[i];
          if (l < 0) continue;
          const dr = colors[i * 3] - prev[l * 3];
          const dg = colors[i * 3 + 1] - prev[l * 3 + 1];
          const db = colors[i * 3 + 2] - prev[l * 3 + 2];
          const d = (dr * dr + dg * dg + db * db) * counts[i];
          if (d > farD) {
            farD = d;
            far = i;
          }
        }
        centroids.set(colors.subarray(far * 3, far * 3 + 3), c * 3);
        const l = labels[far];
        const cnt = counts[far];
        sums[l * 3] -= colors[far * 3] * cnt;
        sums[l * 3 + 1] -= colors[far * 3 + 1] * cnt;
        sums[l * 3 + 2] -= colors[far * 3 + 2] * cnt;
        weight[l] -= cnt;
        labels[far] = -1;
      }
    }
  }
  const dist2 = new Float64Array(m);
  const final = new Int32Array(m);
  assign(colors, centroids, kk, final, dist2);
  let inertia = 0;
  for (let i = 0; i < m; i++) inertia += dist2[i] * counts[i];
  return { centroids, iterations, converged, inertia };
}

/**
 * k-means on the colours of an interleaved RGB buffer: k-means++ initialisation (weighted by
 * pixel counts, drawn from `rng`), then Lloyd iterations until no assignment changes. Of `restarts`
 * starts (as scikit-learn's n_init), each runs 10 Lloyd iterations and the one with the lowest
 * inertia (the earliest on a tie) is run to convergence.
 * Works on distinct colours weighted by their counts, which gives the same result as running on
 * every pixel but far faster. An emptied cluster is re-seeded at the colour worst served by its
 * centre. When k is at least the number of distinct colours, each distinct colour is a cluster.
 */
export function kmeans(rgb: Uint8Array, options: KMeansOptions): KMeansResult {
  const { k, rng } = options;
  const maxIterations = options.maxIterations ?? 300;
  const restarts = options.restarts ?? 8;
  const assign = options.assign ?? assignToCentroids;
  if (!Number.isInteger(k) || k < 1 || k > 255)
    throw new RangeError(`k must be an integer in 1..255, got ${k}`);
  if (!Number.isInteger(restarts) || restarts < 1)
    throw new RangeError(`restarts must be a positive integer, got ${restarts}`);
  if (rgb.length === 0 || rgb.length % 3 !== 0) throw new RangeError("k-means needs at least one RGB colour");
  const { colors, counts } = distinctColors(rgb);
  const m = counts.length;
  const kk = Math.min(k, m);
  let run: Run;
  if (kk === m) {
    run = { centroids: Float64Array.from(colors), iterations: 0, converged: true, inertia: 0 };
  } else {
    // Every start runs a few Lloyd iterations; the one with the lowest inertia then runs to
    // convergence. Lloyd iterations depend on the centres alone, so continuing a run is calling it
    // again from where it stopped.
    const probe = Math.min(PROBE_ITERATIONS, maxIterations);
    const cells = colorCells(colors, m);
    run = lloyd(colors, counts, cells, seedCentroids(colors, counts, kk, rng), kk, probe, assign);
    for (let r = 1; r < restarts; r++) {
      const next = lloyd(colors, counts, cells, seedCentroids(colors, counts, kk, rng), kk, probe, assign);
      if (next.inertia < run.inertia) run = next;
    }
    if (!run.converged && run.iterations < maxIterations) {
      const rest = lloyd(colors, counts, cells, run.centroids, kk, maxIterations - run.iterations, assign);
      run = { ...rest, iterations: run.iterations + rest.iterations };
    }
  }
  const pal = new Uint8Array(kk * 3);
  for (let i = 0; i < kk * 3; i++) pal[i] = Math.min(255, Math.max(0, Math.round(run.centroids[i])));
  return {
    centroids: run.centroids,
    palette: { size: kk, colors: pal },
    iterations: run.iterations,
    converged: run.converged,
    inertia: run.inertia,
    distinctColors: m,
  };
}

function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
