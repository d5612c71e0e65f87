import { srgbToLab } from "../metrics/color.js";
import { type Config, ConfigError, type ParamSchema, type ParamSpec } from "../params.js";
import type { TrainSet } from "../task.js";
import { calibrateSetting } from "./calibrate.js";
import { E1, E2 } from "./chroma-basis.js";
import { onGrayPlane } from "./luminance.js";
import type { Head } from "./mlp.js";
import type { Batch } from "./model.js";
import type { Objective, Targets } from "./objective.js";
import {
  PERCEPTUAL_KNEE,
  perceptualHead,
  perceptualTargetSize,
  writePerceptualTarget,
} from "./perceptual-head.js";

/** Chroma coordinates are learned in units of this many RGB steps, so targets are of order 1. */
export const CHROMA_UNIT = 32;

/**
 * Chroma scales tried when the scale is chosen on the validation strip: 1 first, so that it is
 * kept unless a scale towards gray scores strictly better there.
 */
export const CHROMA_SCALES = Object.freeze([1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0]);

/** Options of {@link rgbObjective}. */
export interface RgbObjectiveOptions {
  /**
   * `exact`: predict the two chroma coordinates and add them to the known gray, so every output
   * keeps the pixel's gray; `free`: predict r, g, b through a sigmoid scaled to [0, 255].
   */
  readonly luminance: "exact" | "free";
  /**
   * Multiplies the predicted chroma before decoding (exact luminance only). 0 chooses it on the
   * validation strip from {@link CHROMA_SCALES} (1 unless a scale towards gray is strictly better).
   */
  readonly chromaScale: number;
  /**
   * Per-pixel loss: `l2` (squared error, the conditional mean), `l1` (Euclidean error, a median),
   * `perceptual` (CIE94 distance in CIELAB to the true colour) or `ciede2000` (CIEDE2000's
   * weighting of that difference, see {@link perceptualHead}); both exact luminance only.
   */
  readonly loss: "l1" | "l2" | "perceptual" | "ciede2000";
  /**
   * The perceptual losses' knee in ΔE units (default {@link PERCEPTUAL_KNEE}): each row costs
   * sqrt(ΔE^2 + knee^2) - knee, so errors below the knee count by their square (towards a mean
   * colour) and larger ones by their size (a median). Ignored by `l1` and `l2`.
   */
  readonly knee?: number;
}

/** Whether a loss is one of the perceptual two (CIE94, CIEDE2000): exact luminance only, with a knee. */
function isPerceptual(loss: RgbObjectiveOptions["loss"]): boolean {
  return loss === "perceptual" || loss === "ciede2000";
}

/** Smoothing of the Euclidean loss near 0, in target units (about one RGB step). */
const CHARBONNIER_EPS = 1 / CHROMA_UNIT;

/**
 * Mean over rows (weighted when the batch has weights) of a per-row error on `size` outputs:
 * `l2` is half the squared Euclidean error; `l1` is the Euclidean error itself, smoothed as
 * sqrt(e^2 + eps^2) - eps (Charbonnier), whose minimiser is a median rather than a mean. With
 * `squash`, outputs pass through a sigmoid first.
 */
export function regressionHead(size: number, loss: "l1" | "l2", squash: boolean): Head {
  const y = new Float64Array(size);
  return {
    size,
    loss(z: Float64Array, batch: Batch, dz: Float64Array): number {
      const { n, targets, weights } = batch;
      if (!targets) throw new Error("regression needs targets");
      const inv = 1 / n;
      let total = 0;
      for (let i = 0; i < n; i++) {
        const w = weights ? weights[i] : 1;
        let e2 = 0;
        for (let j = 0; j < size; j++) {
          const o = i * size + j;
          y[j] = squash ? 1 / (1 + Math.exp(-z[o])) : z[o];
          const e = y[j] - targets[o];
          e2 += e * e;
        }
        let scale: number;
        if (loss === "l2") {
          total += 0.5 * w * e2;
          scale = w * inv;
        } else {
          const r = Math.sqrt(e2 + CHARBONNIER_EPS * CHARBONNIER_EPS);
          total += w * (r - CHARBONNIER_EPS);
          scale = (w * inv) / r;
        }
        for (let j = 0; j < size; j++) {
          const o = i * size + j;
          const e = y[j] - targets[o];
          dz[o] = squash ? scale * e * y[j] * (1 - y[j]) : scale * e;
        }
      }
      return total * inv;
    },
  };
}

/** Writes the perceptual target of pixel `rows[i]` into row i of `t`. */
function writeTargetRow(
  formula: "cie94" | "ciede2000",
  train: TrainSet,
  rows: Int32Array,
  i: number,
  t: Float64Array,
  size: number,
): void {
  const p = rows[i] * 3;
  const lab = srgbToLab(train.rgb[p], train.rgb[p + 1], train.rgb[p + 2]);
  writePerceptualTarget(formula, t, i * size, lab, train.gray[rows[i]]);
}

/** The perceptual head's target rows of pixels `rows`, computed up front. */
export function perceptualTargets(
  formula: "cie94" | "ciede2000",
  train: TrainSet,
  rows: Int32Array,
): Float64Array {
  const size = perceptualTargetSize(formula);
  const t = new Float64Array(rows.length * size);
  for (let i = 0; i < rows.length; i++) writeTargetRow(formula, train, rows, i, t, size);
  return t;
}

/**
 * Above this many rows the perceptual targets are computed as training draws them (see
 * {@link lazyPerceptualTargets}): above every development photograph's band (retina.jpg's left
 * half is under a million rows), so theirs are computed up front as before.
 */
export const LAZY_TARGET_ROWS = 1 << 21;

/**
 * The perceptual targets of pixels `rows`, each row written the first time training reads it
 * (`prepare`): a 12 MP band has 6 million rows, of which training draws some 800 000. Each row's
 * values are those {@link perceptualTargets} writes, bit for bit.
 */
export function lazyPerceptualTargets(
  formula: "cie94" | "ciede2000",
  train: TrainSet,
  rows: Int32Array,
): Targets {
  const size = perceptualTargetSize(formula);
  const n = rows.length;
  const t = new Float64Array(n * size);
  const done = new Uint8Array(n);
  return {
    targets: t,
    targetSize: size,
    prepare(order, from, to) {
      for (let i = from; i < to; i++) {
        const r = order[i] % n;
        if (done[r]) continue;
        writeTargetRow(formula, train, rows, r, t, size);
        done[r] = 1;
      }
    },
  };
}

/**
 * Regression of the colour itself. With exact luminance the targets are the true colour's
 * chroma coordinates (u, v) in the basis E1, E2 of the gray-preserving plane, in CHROMA_UNIT
 * steps; decoding adds them to the gray and scales the chroma back into the RGB cube. With free
 * luminance the targets are r, g, b / 255 behind a sigmoid.
 */
export function rgbObjective(options: RgbObjectiveOptions, saved?: unknown): Objective {
  const exact = options.luminance === "exact";
  const perceptual = isPerceptual(options.loss);
  if (perceptual && !exact) throw new RangeError(`the ${options.loss} loss needs exact luminance`);
  const formula = options.loss === "ciede2000" ? "ciede2000" : "cie94";
  let scale = (saved as { chromaScale?: number } | undefined)?.chromaScale ?? (options.chromaScale || 1);
  const decodeWith = (s: number, z: Float64Array, n: number, gray: Float64Array, rgb: Uint8Array) => {
    if (exact) {
      const k = s * CHROMA_UNIT;
      for (let i = 0; i < n; i++) {
        const u = k * z[2 * i];
        const v = k * z[2 * i + 1];
        const y = gray[i];
        onGrayPlane(
          y + u * E1[0] + v * E2[0],
          y + u * E1[1] + v * E2[1],
          y + u * E1[2] + v * E2[2],
          y,
          rgb,
          3 * i,
        );
      }
    } else {
      for (let i = 0; i < 3 * n; i++) rgb[i] = Math.round(255 / (1 + Math.exp(-z[i])));
    }
  };
  return {
    output: "rgb",
    head: perceptual
      ? perceptualHead(CHROMA_UNIT, formula, options.knee ?? PERCEPTUAL_KNEE)
      : regressionHead(exact ? 2 : 3, options.loss as "l1" | "l2", !exact),
    targets(train: TrainSet, rows: Int32Array): Targets {
      if (perceptual) {
        const targetSize = perceptualTargetSize(formula);
        if (rows.length <= LAZY_TARGET_ROWS)
          return { targets: perceptualTargets(formula, train, rows), targetSize };
        return lazyPerceptualTargets(formula, train, rows);
      }
      const size = exact ? 2 : 3;
      const t = new Float64Array(rows.length * size);
      for (let i = 0; i < rows.length; i++) {
        const p = rows[i] * 3;
        const r = train.rgb[p];
        const g = train.rgb[p + 1];
        const b = train.rgb[p + 2];
        if (exact) {
          const y = train.gray[rows[i]];
          t[2 * i] = ((r - y) * E1[0] + (g - y) * E1[1] + (b - y) * E1[2]) / CHROMA_UNIT;
          t[2 * i + 1] = ((r - y) * E2[0] + (g - y) * E2[1] + (b - y) * E2[2]) / CHROMA_UNIT;
        } else {
          t[3 * i] = r / 255;
          t[3 * i + 1] = g / 255;
          t[3 * i + 2] = b / 255;
        }
      }
      return { targets: t, targetSize: size };
    },
    decode(z, n, gray, rgb) {
      decodeWith(scale, z, n, gray, rgb);
    },
    calibrate(z, n, gray, score) {
      if (!exact || options.chromaScale !== 0) return;
      scale = calibrateSetting(CHROMA_SCALES, scale, decodeWith, z, n, gray, score);
    },
    state: () => ({ chromaScale: scale }),
  };
}

/** The losses {@link rgbObjective} offers. */
export const RGB_LOSSES = Object.freeze(["ciede2000", "perceptual", "l1", "l2"] as const);

const LOSS_WORDS: Record<RgbObjectiveOptions["loss"], string> = {
  ciede2000:
    "CIEDE2000's weighting of the CIELAB difference to the true colour, with the true colour's weights (exact luminance)",
  perceptual: "CIE94 distance (exact luminance)",
  l1: "Euclidean RGB error (a median)",
  l2: "squared RGB error (a mean)",
};

/**
 * The parameters of {@link rgbObjective} a colour-regression plugin offers: `luminance` and
 * `chromaScale`, and `loss` when it offers more than one (the first is the default). A plugin spreads
 * this into its schema and reads the options back with {@link rgbObjectiveConfig}.
 */
export function rgbObjectiveParams(losses: readonly RgbObjectiveOptions["loss"][]): ParamSchema {
  const schema: Record<string, ParamSpec> = {
    luminance: {
      type: "enum",
      values: ["exact", "free"],
      default: "exact",
      description:
        "exact: predict chroma and keep each pixel's known gray; free: predict r, g, b in [0, 255]",
    },
  };
  if (losses.length > 1) {
    schema.loss = {
      type: "enum",
      values: losses,
      default: losses[0],
      description: losses.map((l) => `${l}: ${LOSS_WORDS[l]}`).join("; "),
    };
  }
  if (losses.some(isPerceptual)) {
    schema.knee = {
      type: "number",
      default: PERCEPTUAL_KNEE,
      min: 0.01,
      max: 1000,
      description:
        "perceptual losses: each pixel costs sqrt(dE^2 + knee^2) - knee, so errors below the knee (dE units) count by their square, as in a mean, and larger ones by their size",
    };
  }
  schema.chromaScale = {
    type: "number",
    default: 1,
    min: 0,
    max: 2,
    description: "factor on the predicted chroma (exact luminance); 0 chooses it on the validation strip",
  };
  return schema;
}

/**
 * The options of {@link rgbObjective} from a configuration of {@link rgbObjectiveParams}: its `loss`,
 * or `loss` itself where the plugin offers only that one. Throws {@link ConfigError} for a perceptual
 * loss with free luminance.
 */
export function rgbObjectiveConfig(config: Config, loss?: RgbObjectiveOptions["loss"]): RgbObjectiveOptions {
  const options: RgbObjectiveOptions = {
    luminance: config.luminance as "exact" | "free",
    loss: loss ?? (config.loss as RgbObjectiveOptions["loss"]),
    chromaScale: config.chromaScale as number,
    ...(config.knee === undefined ? {} : { knee: config.knee as number }),
  };
  if (isPerceptual(options.loss) && options.luminance === "free") {
    throw new ConfigError(
      `loss ${options.loss} needs luminance exact; with luminance free use loss l1 or l2`,
    );
  }
  return options;
}
