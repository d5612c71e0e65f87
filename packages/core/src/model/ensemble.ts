import type { GuidedParams } from "../refine/guided.js";
import type { FeatureState } from "./features.js";
import type { Model } from "./model.js";
import { smoothField } from "./smoothing.js";

/** One network of an ensemble with its fitted feature transform. */
export interface Member {
  readonly features: FeatureState;
  readonly net: Model;
}

/**
 * How an ensemble's networks become one output per pixel: each network's outputs are blurred
 * over the band (`smoothing`, a Gaussian sigma in pixels; 0 or absent: off), then averaged and
 * shrunk towards 0 where the networks disagree (`shrink`, see {@link EnsembleAccumulator}).
 */
export interface Blend {
  readonly smoothing?: number;
  readonly shrink?: number;
  /**
   * Novelty threshold t (0 or absent: off): where the members disagree over the test band more
   * than t times as much as over the validation strip, the band is unlike anything they were
   * judged on, and every output is scaled by (t / ratio)^p (see {@link noveltyScale}, `noveltyPower`).
   */
  readonly novelty?: number;
  /**
   * Radius in pixels of the novelty rule's window (0 or absent: the whole band): with a radius, the
   * ratio is taken pixel by pixel, the members' disagreement averaged over the (2r+1)² window around
   * each pixel (clipped to the band), so only the regions where they extrapolate lose colour.
   */
  readonly noveltyRadius?: number;
  /**
   * The smallest disagreement over the validation strip the novelty rule compares with (the
   * model's output units squared; 0 or absent: none). Members that agree on the strip more closely
   * than this are taken to agree this closely: where a strip is predicted almost exactly, a small
   * disagreement over the band is no sign that the band is unlike it.
   */
  readonly noveltyFloor?: number;
  /**
   * The novelty rule's exponent p (absent: {@link DEFAULT_NOVELTY_POWER}, the square root): where r > t, outputs are scaled
   * by (t / r)^p, so a larger p takes more colour away from a band the more novel it is.
   */
  readonly noveltyPower?: number;
  /**
   * Test-time mirroring (default false): each network's output at a pixel is the mean of its
   * outputs there on the band and on the band's left-right mirror image (the same colours,
   * flipped patches; see mirrorMap), on the strip as on the test band, before anything else.
   */
  readonly flip?: boolean;
  /**
   * Edge-aware refinement of the combined outputs at prediction (absent or radius 0: off): the
   * guided filter of He, Sun & Tang (2010) with the test band's gray as guide (radius in pixels, ε
   * in gray levels squared), after the shrinkage and the novelty rule and before decoding. The
   * validation strip is judged without it.
   */
  readonly guided?: GuidedParams;
}

/** The novelty rule's exponent p when a blend gives none: the square root, (t / r)^0.5. */
export const DEFAULT_NOVELTY_POWER = 0.5;

/**
 * The scale of a band's outputs under the novelty rule: with r = the members' mean disagreement
 * over the band (their variance, unblurred, averaged over its pixels) / that over the validation
 * strip (at least `floor`), 1 while r <= t, else (t / r)^power. For a model whose outputs are
 * chroma, the colours are moved towards the gray: members trained on the same pixels that agree on
 * the strip but disagree far more on a band are extrapolating there, and painting less of a guess
 * costs less. 1 when the rule is off (t = 0) or the strip gives no disagreement to compare with.
 */
export function noveltyScale(
  bandSpread: number,
  stripSpread: number,
  threshold: number,
  floor = 0,
  power = DEFAULT_NOVELTY_POWER,
): number {
  if (!(threshold > 0) || !(stripSpread > 0) || !(bandSpread > 0)) return 1;
  const r = bandSpread / Math.max(stripSpread, floor);
  return r > threshold ? (threshold / r) ** power : 1;
}

/** A network's outputs over a `width x height` grid, blurred as the blend asks (`z` itself when it asks for none). */
export function blurred(
  blend: Blend,
  z: Float64Array,
  channels: number,
  width: number,
  height: number,
): Float64Array {
  const sigma = blend.smoothing ?? 0;
  return sigma > 0 ? smoothField(z, channels, width, height, sigma) : z;
}

/**
 * Averages the raw outputs of an ensemble's members, pixel by pixel, and shrinks the average
 * towards zero where the members disagree. For a model whose outputs are a colour's chroma, zero
 * is the gray itself: where networks trained on the same pixels with other seeds or features
 * disagree about a colour, the colour is a guess, and painting less of it costs less.
 *
 * The shrinkage is the positive-part rule of a mean estimated with known spread: with m the
 * members' mean output vector of a pixel and v their variance (mean squared distance to m),
 * the result is m * max(0, 1 - lambda * v / |m|^2). lambda = 0 is the plain average.
 */
export class EnsembleAccumulator {
  readonly sum: Float64Array;
  /** Sum over members of each pixel's squared output norm. */
  readonly sumSq: Float64Array;
  count = 0;

  constructor(
    readonly pixels: number,
    readonly channels: number,
  ) {
    this.sum = new Float64Array(pixels * channels);
    this.sumSq = new Float64Array(pixels);
  }

  /** Adds one member's outputs (`pixels * channels` values). */
  add(z: Float64Array): void {
    if (z.length !== this.sum.length)
      throw new RangeError(`expected ${this.sum.length} outputs, got ${z.length}`);
    const c = this.channels;
    for (let i = 0; i < this.pixels; i++) {
      let q = 0;
      for (let j = 0; j < c; j++) {
        const v = z[i * c + j];
        this.sum[i * c + j] += v;
        q += v * v;
      }
      this.sumSq[i] += q;
    }
    this.count++;
  }

  /** Pixel i's variance of the members about their mean (E|z|^2 - |m|^2, clamped against rounding); needs 2 members. */
  private pixelSpread(i: number): number {
    const c = this.channels;
    const k = this.count;
    let m2 = 0;
    for (let j = 0; j < c; j++) {
      const m = this.sum[i * c + j] / k;
      m2 += m * m;
    }
    return Math.max(0, this.sumSq[i] / k - m2);
  }

  /** Each pixel's variance of the members about their mean into `out`; 0 for one member. */
  spreads(out: Float64Array = new Float64Array(this.pixels)): Float64Array {
    for (let i = 0; i < this.pixels; i++) out[i] = this.count < 2 ? 0 : this.pixelSpread(i);
    return out;
  }

  /** The members' variance about their mean (E|z|^2 - |m|^2), summed over the pixels; 0 for one member. */
  spread(): number {
    if (this.count < 2) return 0;
    let total = 0;
    for (let i = 0; i < this.pixels; i++) total += this.pixelSpread(i);
    return total;
  }

  /**
   * The combined outputs into `out`; with `extra`, as if that member had been added too (used
   * to judge a member in training as part of the ensemble it joins, without adding it).
   */
  combine(lambda: number, out: Float64Array, extra?: Float64Array): Float64Array {
    const c = this.channels;
    const k = this.count + (extra ? 1 : 0);
    if (k === 0) throw new RangeError("an ensemble of no members has no outputs");
    for (let i = 0; i < this.pixels; i++) {
      let m2 = 0;
      let q = this.sumSq[i];
      for (let j = 0; j < c; j++) {
        const e = extra ? extra[i * c + j] : 0;
        const m = (this.sum[i * c + j] + e) / k;
        out[i * c + j] = m;
        m2 += m * m;
        q += e * e;
      }
      if (lambda > 0 && k > 1) {
        // Variance about the mean: E|z|^2 - |m|^2, clamped against rounding.
        const v = Math.max(0, q / k - m2);
        const f = m2 > 0 ? Math.max(0, 1 - (lambda * v) / m2) : 0;
        for (let j = 0; j < c; j++) out[i * c + j] *= f;
      }
    }
    return out;
  }
}
