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
