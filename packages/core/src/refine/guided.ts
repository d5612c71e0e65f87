import { boxMean } from "./box.js";

/** Window radius (pixels) and regulariser of a guided filter. */
export interface GuidedParams {
  readonly radius: number;
  readonly epsilon: number;
}

/**
 * Guided filter (He, Sun & Tang 2010) of a multi-channel input `p` by a one-channel guide `guide`
 * (gray, any scale; ε is in the guide's units squared). Per window: a = cov(I, p) / (var(I) + ε),
 * b = mean(p) − a·mean(I); the output is q = mean(a)·I + mean(b). Box windows clipped at the
 * edges, O(N) for any radius. Radius 0 returns a copy of `p`.
 */
export function guidedFilter(
  guide: ArrayLike<number>,
  p: ArrayLike<number>,
  channels: number,
  width: number,
  height: number,
  { radius, epsilon }: GuidedParams,
): Float64Array {
  const n = width * height;
  if (guide.length !== n) throw new RangeError(`guide has ${guide.length} values, expected ${n}`);
  if (!(epsilon > 0)) throw new RangeError(`guided filter ε must be > 0, got ${epsilon}`);
  if (radius === 0) return Float64Array.from(p);
  const I = Float64Array.from(guide);
  const II = new Float64Array(n);
  const Ip = new Float64Array(n * channels);
  for (let i = 0; i < n; i++) {
    II[i] = I[i] * I[i];
    for (let c = 0; c < channels; c++) Ip[i * channels + c] = I[i] * p[i * channels + c];
  }
  const mI = boxMean(I, 1, width, height, radius);
  const mII = boxMean(II, 1, width, height, radius);
  const mp = boxMean(p, channels, width, height, radius);
  const mIp = boxMean(Ip, channels, width, height, radius);
  const ab = new Float64Array(n * 2 * channels);
  for (let i = 0; i < n; i++) {
    const variance = mII[i] - mI[i] * mI[i];
    for (let c = 0; c < channels; c++) {
      const k = i * channels + c;
      const a = (mIp[k] - mI[i] * mp[k]) / (variance + epsilon);
      ab[i * 2 * channels + c] = a;
      ab[i * 2 * channels + channels + c] = mp[k] - a * mI[i];
    }
  }
  const mab = boxMean(ab, 2 * channels, width, height, radius);
  const q = new Float64Array(n * channels);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < channels; c++)
      q[i * channels + c] = mab[i * 2 * channels + c] * I[i] + mab[i * 2 * channels + channels + c];
  return q;
}

/**
 * Window sums over rows [y0, y1) of a `height`-row image, each window (2r+1)x(2r+1) clipped at the
 * image's edges, into `out` (`(y1 - y0) * width * channels`). `src` (pixel-major, `channels`
 * values per pixel) holds the image's rows from row `first` on, at least those the windows reach.
 * Each sum is taken in one fixed order, whatever rows are asked for: the window's rows from the
 * top, column by column, then along the whole row by prefix sums from x = 0; so a band's sums
 * equal those of the same rows inside any other band, bit for bit. O(r) per value.
 */
function windowSums(
  src: Float64Array,
  first: number,
  channels: number,
  width: number,
  height: number,
  radius: number,
  y0: number,
  y1: number,
  out: Float64Array,
): void {
  const rowValues = width * channels;
  const column = new Float64Array(rowValues);
  const prefix = new Float64Array(width + 1);
  for (let y = y0; y < y1; y++) {
    const top = Math.max(0, y - radius);
    const bottom = Math.min(height - 1, y + radius);
    column.fill(0);
    for (let yy = top; yy <= bottom; yy++) {
      const o = (yy - first) * rowValues;
      for (let i = 0; i < rowValues; i++) column[i] += src[o + i];
    }
    const o = (y - y0) * rowValues;
    for (let c = 0; c < channels; c++) {
      for (let x = 0; x < width; x++) prefix[x + 1] = prefix[x] + column[x * channels + c];
      for (let x = 0; x < width; x++) {
        const x0 = Math.max(0, x - radius);
        const x1 = Math.min(width, x + radius + 1);
        out[o + x * channels + c] = prefix[x1] - prefix[x0];
      }
    }
  }
}

/** How many pixels the clipped window around (x, y) holds. */
function windowCount(x: number, y: number, width: number, height: number, radius: number): number {
  const rows = Math.min(height - 1, y + radius) - Math.max(0, y - radius) + 1;
  const cols = Math.min(width - 1, x + radius) - Math.max(0, x - radius) + 1;
  return rows * cols;
}

/**
 * Rows [y0, y1) of the guided filter of `p` by `guide` (the same filter as {@link guidedFilter},
 * its window sums taken in another order, so equal to it within rounding), reading only rows
 * [y0 - 2r, y1 + 2r) of either. A band's rows are the same bits whichever band they are
 * computed in, so a large image can be filtered a band at a time. Returns
 * `(y1 - y0) * width * channels` values.
 */
export function guidedFilterRows(
  guide: ArrayLike<number>,
  p: ArrayLike<number>,
  channels: number,
  width: number,
  height: number,
  { radius, epsilon }: GuidedParams,
  y0: number,
  y1: number,
): Float64Array {
  const n = width * height;
  if (guide.length !== n) throw new RangeError(`guide has ${guide.length} values, expected ${n}`);
  if (p.length !== n * channels)
    throw new RangeError(`input has ${p.length} values, expected ${n * channels}`);
  if (!(epsilon > 0)) throw new RangeError(`guided filter ε must be > 0, got ${epsilon}`);
  if (!Number.isInteger(radius) || radius < 0)
    throw new RangeError(`guided filter radius must be a whole number ≥ 0, got ${radius}`);
  if (!(Number.isInteger(y0) && Number.isInteger(y1) && y0 >= 0 && y0 <= y1 && y1 <= height))
    throw new RangeError(`rows ${y0}..${y1} are not within 0..${height}`);
  const rows = y1 - y0;
  if (radius === 0)
    return Float64Array.from({ length: rows * width * channels }, (_, i) => p[y0 * width * channels + i]);
  // The a and b of every pixel whose window reaches the band: rows [s0, s1).
  const s0 = Math.max(0, y0 - radius);
  const s1 = Math.min(height, y1 + radius);
  // Per pixel of rows [s0 - r, s1 + r): I, I^2, then p and I p for each channel.
  const r0 = Math.max(0, s0 - radius);
  const r1 = Math.min(height, s1 + radius);
  const k = 2 + 2 * channels;
  const stats = new Float64Array((r1 - r0) * width * k);
  for (let y = r0; y < r1; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const o = ((y - r0) * width + x) * k;
      const g = guide[i];
      stats[o] = g;
      stats[o + 1] = g * g;
      for (let c = 0; c < channels; c++) {
        const v = p[i * channels + c];
        stats[o + 2 + c] = v;
        stats[o + 2 + channels + c] = g * v;
      }
    }
  // Window sums of the statistics over rows [s0, s1), the rows [r0, r1) given as a band of their own.
  const sums = new Float64Array((s1 - s0) * width * k);
  windowSums(stats, r0, k, width, height, radius, s0, s1, sums);
  const ab = new Float64Array((s1 - s0) * width * 2 * channels);
  for (let y = s0; y < s1; y++)
    for (let x = 0; x < width; x++) {
      const o = ((y - s0) * width + x) * k;
      const count = windowCount(x, y, width, height, radius);
      const mI = sums[o] / count;
      const variance = sums[o + 1] / count - mI * mI;
      const q = ((y - s0) * width + x) * 2 * channels;
      for (let c = 0; c < channels; c++) {
        const mp = sums[o + 2 + c] / count;
        const a = (sums[o + 2 + channels + c] / count - mI * mp) / (variance + epsilon);
        ab[q + c] = a;
        ab[q + channels + c] = mp - a * mI;
      }
    }
  const mab = new Float64Array(rows * width * 2 * channels);
  windowSums(ab, s0, 2 * channels, width, height, radius, y0, y1, mab);
  const out = new Float64Array(rows * width * channels);
  for (let y = y0; y < y1; y++)
    for (let x = 0; x < width; x++) {
      const count = windowCount(x, y, width, height, radius);
      const i = (y - y0) * width + x;
      const g = guide[y * width + x];
      for (let c = 0; c < channels; c++)
        out[i * channels + c] =
          (mab[i * 2 * channels + c] / count) * g + mab[i * 2 * channels + channels + c] / count;
    }
  return out;
}

/**
 * Palette agents: filters each colour's probability (or vote) map by the guide and takes the
 * most probable colour per pixel (ties to the lower index). `probs` is pixel-major, `colours`
 * maps per pixel; returns the chosen index of each pixel.
 */
export function guidedArgmax(
  guide: ArrayLike<number>,
  probs: ArrayLike<number>,
  colours: number,
  width: number,
  height: number,
  params: GuidedParams,
): Uint8Array {
  const q = guidedFilter(guide, probs, colours, width, height, params);
  const n = width * height;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < colours; c++) if (q[i * colours + c] > q[i * colours + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** A refine candidate: off (null) or a guided filter. */
export type RefineChoice = GuidedParams | null;

/** The default grid the strip chooses from: off, and radius × ε. */
export const REFINE_GRID: readonly RefineChoice[] = [
  null,
  ...[1, 2, 4, 8].flatMap((radius) => [1, 10, 100].map((epsilon) => ({ radius, epsilon }))),
];

/**
 * Chooses the refine of the validation strip: each candidate filters the strip's prediction
 * (guided by the strip's gray) and `loss` scores it against the strip's known colours; the
 * lowest loss wins, the earlier candidate on a tie (so "off" wins unless a filter is strictly
 * better). Returns the choice and every candidate's loss, for the agent's report.
 */
export function chooseRefine(
  stripGray: ArrayLike<number>,
  stripPrediction: ArrayLike<number>,
  channels: number,
  width: number,
  height: number,
  loss: (refined: Float64Array) => number,
  grid: readonly RefineChoice[] = REFINE_GRID,
): { choice: RefineChoice; losses: number[] } {
  if (grid.length === 0) throw new RangeError("refine grid is empty");
  const losses = grid.map((g) =>
    loss(
      g === null
        ? Float64Array.from(stripPrediction)
        : guidedFilter(stripGray, stripPrediction, channels, width, height, g),
    ),
  );
  let best = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[best]) best = i;
  return { choice: grid[best], losses };
}
