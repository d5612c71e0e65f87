import { srgbToLab } from "../metrics/color.js";
import type { Palette } from "../palette.js";
import type { TrainSet } from "../task.js";
import { calibrateSetting } from "./calibrate.js";
import { onGrayPlane } from "./luminance.js";
import type { Objective, Targets } from "./objective.js";
import { argmaxRows, softmaxCrossEntropy, softmaxRows } from "./softmax.js";

export const LABEL_DECODINGS = ["mode", "annealed-mean"] as const;
export type LabelDecoding = (typeof LABEL_DECODINGS)[number];

/** Options of {@link labelObjective}; every one is off by default. */
export interface LabelObjectiveOptions {
  /**
   * Soft targets: sigma in CIELAB units of a Gaussian over the distance from the pixel's true
   * colour to each of its `SOFT_NEIGHBOURS` nearest palette colours (Zhang, Isola & Efros 2016
   * use sigma 5 over 5 neighbours). 0 trains on hard labels.
   */
  readonly softTargets?: number;
  /**
   * Class rebalancing (Zhang et al. 2016): each pixel weighs 1 / ((1 - 0.5) p(c) + 0.5 / k) for
   * the frequency p(c) of its class c on the training pixels, normalised to mean weight 1.
   */
  readonly rebalance?: boolean;
  /** `mode`: the most probable palette colour; `annealed-mean`: see `temperature`. */
  readonly decoding?: LabelDecoding;
  /**
   * Annealed-mean temperature T: probabilities are sharpened to p^(1/T) (renormalised), the
   * palette colours averaged with them, and the mean moved onto the pixel's known gray. 1 is the
   * plain mean, near 0 the mode; 0 chooses T on the validation strip from {@link TEMPERATURES}.
   */
  readonly temperature?: number;
}

/** Palette colours that share a pixel's soft target. */
export const SOFT_NEIGHBOURS = 5;
/** Temperatures tried when the annealed-mean temperature is chosen on the validation strip. */
export const TEMPERATURES = Object.freeze([0.1, 0.2, 0.38, 0.6, 1]);
const REBALANCE_MIX = 0.5;

function softTargetRows(palette: Palette, rgb: Uint8Array, rows: Int32Array, sigma: number): Float64Array {
  const k = palette.size;
  const lab = new Float64Array(k * 3);
  for (let c = 0; c < k; c++)
    lab.set(srgbToLab(palette.colors[3 * c], palette.colors[3 * c + 1], palette.colors[3 * c + 2]), 3 * c);
  const out = new Float64Array(rows.length * k);
  const d2 = new Float64Array(k);
  const order = new Int32Array(k);
  const keep = Math.min(SOFT_NEIGHBOURS, k);
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i] * 3;
    const [L, a, b] = srgbToLab(rgb[p], rgb[p + 1], rgb[p + 2]);
    for (let c = 0; c < k; c++) {
      d2[c] = (L - lab[3 * c]) ** 2 + (a - lab[3 * c + 1]) ** 2 + (b - lab[3 * c + 2]) ** 2;
      order[c] = c;
    }
    order.sort((x, y) => d2[x] - d2[y] || x - y);
    const nearest = d2[order[0]];
    let sum = 0;
    for (let j = 0; j < keep; j++) {
      const c = order[j];
      // Relative to the nearest colour, so a far-off true colour still gets a distribution.
      const w = Math.exp(-(d2[c] - nearest) / (2 * sigma * sigma));
      out[i * k + c] = w;
      sum += w;
    }
    for (let j = 0; j < keep; j++) out[i * k + order[j]] /= sum;
  }
  return out;
}

function rebalanceWeights(labels: Uint8Array, k: number): Float64Array {
  const freq = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) freq[labels[i]]++;
  const w = new Float64Array(k);
  let mean = 0;
  for (let c = 0; c < k; c++) {
    freq[c] /= labels.length;
    w[c] = 1 / ((1 - REBALANCE_MIX) * freq[c] + REBALANCE_MIX / k);
    mean += freq[c] * w[c];
  }
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = w[labels[i]] / mean;
  return out;
}

/**
 * Classification over the palette: softmax cross-entropy on hard or soft targets, optionally
 * rebalanced, decoded to the most probable palette colour or to an annealed mean.
 */
export function labelObjective(
  palette: Palette,
  options: LabelObjectiveOptions = {},
  saved?: unknown,
): Objective {
  const k = palette.size;
  const decoding = options.decoding ?? "mode";
  const sigma = options.softTargets ?? 0;
  let temperature =
    (saved as { temperature?: number } | undefined)?.temperature ?? options.temperature ?? 0.38;
  let p = new Float64Array(0);
  const decodeWith = (
    t: number,
    z: Float64Array,
    n: number,
    gray: Float64Array,
    rgb: Uint8Array,
    labels?: Uint8Array,
  ) => {
    if (decoding === "mode" || labels) {
      const l = labels ?? new Uint8Array(n);
      argmaxRows(z, n, k, l);
      if (decoding === "mode") {
        for (let i = 0; i < n; i++) rgb.set(palette.colors.subarray(3 * l[i], 3 * l[i] + 3), 3 * i);
        return;
      }
    }
    if (p.length < n * k) p = new Float64Array(n * k);
    // Softmax of z / T equals p^(1/T) renormalised.
    softmaxRows(z, n, k, p, t > 0 ? t : TEMPERATURES[2]);
    const c = palette.colors;
    for (let i = 0; i < n; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < k; j++) {
        const w = p[i * k + j];
        r += w * c[3 * j];
        g += w * c[3 * j + 1];
        b += w * c[3 * j + 2];
      }
      onGrayPlane(r, g, b, gray[i], rgb, 3 * i);
    }
  };
  return {
    output: "label",
    head: softmaxCrossEntropy(k),
    targets(train: TrainSet, rows: Int32Array): Targets {
      const labels = new Uint8Array(rows.length);
      for (let i = 0; i < rows.length; i++) labels[i] = train.labels[rows[i]];
      return {
        labels,
        targets: sigma > 0 ? softTargetRows(palette, train.rgb, rows, sigma) : undefined,
        targetSize: sigma > 0 ? k : 0,
        weights: options.rebalance ? rebalanceWeights(labels, k) : undefined,
      };
    },
    decode(z, n, gray, rgb, labels) {
      decodeWith(temperature, z, n, gray, rgb, labels);
    },
    calibrate(z, n, gray, score) {
      if (decoding !== "annealed-mean" || options.temperature !== 0) return;
      temperature = calibrateSetting(TEMPERATURES, temperature, decodeWith, z, n, gray, score);
    },
    state: () => ({ temperature }),
  };
}
