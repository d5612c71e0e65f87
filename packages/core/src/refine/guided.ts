/** Window radius (pixels) and regulariser of a guided filter. */
export interface GuidedParams {
  readonly radius: number;
  readonly epsilon: number;
}

/**
 * Guided filter (He, Sun & Tang 2010) of a multi-channel input `p` by a one-channel guide `guide`
 * (gray, any scale; ε is in the guide's units squared). Per window: a = cov(I, p) / (var(I) + ε),
 * b = mean(p) − a·mean(I); the output is q = mean(a)·I + mean(b). Box windows clipped at the
 * edges, O(N) for any radius (the whole image in one pass of {@link GuidedRowFilter}). Radius 0
 * returns a copy of `p`.
 */
export function guidedFilter(
  guide: ArrayLike<number>,
  p: ArrayLike<number>,
  channels: number,
  width: number,
  height: number,
  params: GuidedParams,
): Float64Array {
  return new GuidedRowFilter(guide, p, channels, width, height, params).next(height);
}

/**
 * The guided filter ({@link guidedFilter}) row by row, top to bottom, in one pass: each window's
 * column sums slide down the image (a row added below, a row dropped above), so a value costs
 * O(1) whatever the radius, and at most 2r + 1 rows of the intermediate a and b are held. Rows
 * must be asked for in order (`next(y1)` returns rows [done, y1) and moves on); the pass's order
 * is fixed, so any split into bands gives the same bits.
 */
export class GuidedRowFilter {
  private readonly k: number;
  /** Sliding column sums of I, I^2, p, I p over stage 1's window (rows [statsOut, statsIn)). */
  private readonly colStats: Float64Array;
  /** Sliding column sums of a and b over stage 2's window. */
  private readonly colAb: Float64Array;
  /** a and b of the last 2r + 1 rows, row y at slot y mod (2r + 1). */
  private readonly ring: Float64Array;
  private readonly prefix: Float64Array;
  /** One row's statistics, then their window means; and one row's window means of a and b. */
  private readonly rowStats: Float64Array;
  private readonly meanAb: Float64Array;
  /** Rows of statistics added to colStats (rows [0, statsIn)) and dropped from it ([0, statsOut)). */
  private statsIn = 0;
  private statsOut = 0;
  /** Rows whose a and b are computed and added to colAb (rows [0, abDone)), and dropped from it ([0, abOut)). */
  private abDone = 0;
  private abOut = 0;
  /** Rows returned so far. */
  done = 0;

  constructor(
    private readonly guide: ArrayLike<number>,
    private readonly p: ArrayLike<number>,
    private readonly channels: number,
    private readonly width: number,
    private readonly height: number,
    private readonly params: GuidedParams,
  ) {
    const n = width * height;
    if (guide.length !== n) throw new RangeError(`guide has ${guide.length} values, expected ${n}`);
    if (p.length !== n * channels)
      throw new RangeError(`input has ${p.length} values, expected ${n * channels}`);
    if (!(params.epsilon > 0)) throw new RangeError(`guided filter ε must be > 0, got ${params.epsilon}`);
    if (!Number.isInteger(params.radius) || params.radius < 0)
      throw new RangeError(`guided filter radius must be a whole number ≥ 0, got ${params.radius}`);
    this.k = 2 + 2 * channels;
    this.colStats = new Float64Array(width * this.k);
    this.colAb = new Float64Array(width * 2 * channels);
    this.ring = new Float64Array((2 * params.radius + 1) * width * 2 * channels);
    this.prefix = new Float64Array(width + 1);
    this.rowStats = new Float64Array(width * this.k);
    this.meanAb = new Float64Array(width * 2 * channels);
  }

  /** Rows [done, y1) of the filtered input, `(y1 - done) * width * channels` values. */
  next(y1: number): Float64Array {
    const { width, height, channels, params } = this;
    if (!(Number.isInteger(y1) && y1 >= this.done && y1 <= height))
      throw new RangeError(`rows ${this.done}..${y1} are not within ${this.done}..${height}`);
    const out = new Float64Array((y1 - this.done) * width * channels);
    const r = params.radius;
    const stride = 2 * channels;
    for (let y = this.done; y < y1; y++) {
      const o = (y - this.done) * width * channels;
      if (r === 0) {
        for (let i = 0; i < width * channels; i++) out[o + i] = this.p[y * width * channels + i];
        continue;
      }
      // a and b of every row up to y + r; then their window around row y.
      const need = Math.min(height, y + r + 1);
      const top = Math.max(0, y - r);
      // Dropped before new rows are computed: a new row takes the ring slot of the oldest.
      while (this.abOut < top) this.foldAb(this.abOut++, -1);
      while (this.abDone < need) {
        this.computeAb(this.abDone);
        this.foldAb(this.abDone++, 1);
      }
      const m = this.windowMeans(this.colAb, stride, need - top, this.meanAb);
      for (let x = 0; x < width; x++) {
        const g = this.guide[y * width + x];
        for (let c = 0; c < channels; c++)
          out[o + x * channels + c] = m[x * stride + c] * g + m[x * stride + channels + c];
      }
    }
    this.done = y1;
    return out;
  }

  /**
   * Window means along the row of column sums `col` (`stride` values per pixel, over `rows` rows):
   * each value's horizontal window summed by prefix sums from x = 0, divided by the window's size.
   */
  private windowMeans(col: Float64Array, stride: number, rows: number, out: Float64Array): Float64Array {
    const { width, prefix } = this;
    const r = this.params.radius;
    for (let c = 0; c < stride; c++) {
      for (let x = 0; x < width; x++) prefix[x + 1] = prefix[x] + col[x * stride + c];
      for (let x = 0; x < width; x++) {
        const x0 = Math.max(0, x - r);
        const x1 = Math.min(width, x + r + 1);
        out[x * stride + c] = (prefix[x1] - prefix[x0]) / (rows * (x1 - x0));
      }
    }
    return out;
  }

  /** Adds (sign 1) or removes (sign -1) row y's a and b to or from the column sums. */
  private foldAb(y: number, sign: number): void {
    const { width, channels } = this;
    const stride = 2 * channels;
    const slot = (y % (2 * this.params.radius + 1)) * width * stride;
    for (let i = 0; i < width * stride; i++) this.colAb[i] += sign * this.ring[slot + i];
  }

  /** Adds (sign 1) or removes (sign -1) row y's I, I^2, p, I p to or from the column sums. */
  private foldStats(y: number, sign: number): void {
    const { width, channels, k, rowStats } = this;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const g = this.guide[i];
      const o = x * k;
      rowStats[o] = g;
      rowStats[o + 1] = g * g;
      for (let c = 0; c < channels; c++) {
        const v = this.p[i * channels + c];
        rowStats[o + 2 + c] = v;
        rowStats[o + 2 + channels + c] = g * v;
      }
    }
    for (let i = 0; i < width * k; i++) this.colStats[i] += sign * rowStats[i];
  }

  /** Row y's a and b (stage 1) into its ring slot. */
  private computeAb(y: number): void {
    const { width, height, channels, k, params } = this;
    const r = params.radius;
    const need = Math.min(height, y + r + 1);
    const top = Math.max(0, y - r);
    while (this.statsIn < need) this.foldStats(this.statsIn++, 1);
    while (this.statsOut < top) this.foldStats(this.statsOut++, -1);
    const sums = this.windowMeans(this.colStats, k, need - top, this.rowStats);
    const stride = 2 * channels;
    const slot = (y % (2 * r + 1)) * width * stride;
    for (let x = 0; x < width; x++) {
      const o = x * k;
      const mI = sums[o];
      const variance = sums[o + 1] - mI * mI;
      for (let c = 0; c < channels; c++) {
        const mp = sums[o + 2 + c];
        const a = (sums[o + 2 + channels + c] - mI * mp) / (variance + params.epsilon);
        this.ring[slot + x * stride + c] = a;
        this.ring[slot + x * stride + channels + c] = mp - a * mI;
      }
    }
  }
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
