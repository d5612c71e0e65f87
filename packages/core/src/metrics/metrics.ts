/**
 * The scorecard of one prediction of the test band against its true colours.
 */
import { nearestLabel, type Palette } from "../palette.js";
import { colorErrorsOfBand } from "./color-error.js";
import { indexBandColors } from "./color-index.js";
import { colorfulness } from "./colorfulness.js";
import { SSIM_WINDOW, ssim } from "./ssim.js";

/** Scores of a predicted band against the truth; see {@link METRIC_INFO} for each one's meaning. */
export interface Metrics {
  labelAccuracy: number;
  rmse: number;
  psnr: number;
  ssim: number;
  deltaE2000: number;
  aucAb: number;
  colorfulness: number;
}

/** How a metric is shown and read. */
export interface MetricInfo {
  /** Short column header. */
  readonly label: string;
  /** Unit, "" for a plain number. */
  readonly unit: string;
  /** Compact column header for score tables (CLI, dashboard). */
  readonly header: string;
  /** Decimals shown in score tables. */
  readonly digits: number;
  /** Which direction is better. */
  readonly better: "higher" | "lower";
  /**
   * Whether it compares the prediction with the true colours. Colourfulness reads the prediction
   * alone: more of it is not better by itself, so a gate does not hold an agent to it.
   */
  readonly againstTruth: boolean;
  /** One sentence: how the number is computed. */
  readonly description: string;
}

/** Display facts for every key of {@link Metrics}, in table order. */
export const METRIC_INFO: Readonly<Record<keyof Metrics, MetricInfo>> = {
  labelAccuracy: {
    label: "accuracy",
    header: "acc",
    digits: 3,
    unit: "",
    better: "higher",
    againstTruth: true,
    description:
      "Share of pixels whose predicted palette label equals the label of the palette colour nearest the true colour.",
  },
  rmse: {
    label: "RMSE",
    header: "RMSE",
    digits: 2,
    unit: "",
    better: "lower",
    againstTruth: true,
    description: "Root mean squared difference over all R, G and B values (0-255) of the band.",
  },
  psnr: {
    label: "PSNR",
    header: "PSNR dB",
    digits: 2,
    unit: "dB",
    better: "higher",
    againstTruth: true,
    description: "20 log10(255 / RMSE); infinite when the prediction is exact.",
  },
  ssim: {
    label: "SSIM",
    header: "SSIM",
    digits: 4,
    unit: "",
    better: "higher",
    againstTruth: true,
    description:
      "Mean structural similarity over 7x7 windows (sample covariance, K1 0.01, K2 0.03) averaged over R, G, B as scikit-image computes it; NaN when the band is under 7 pixels in width or height.",
  },
  deltaE2000: {
    label: "ΔE00",
    header: "ΔE00",
    digits: 2,
    unit: "",
    better: "lower",
    againstTruth: true,
    description:
      "Mean per-pixel CIEDE2000 colour difference between true and predicted colours in CIELAB (D65).",
  },
  aucAb: {
    label: "AuC ab",
    header: "AuC ab",
    digits: 3,
    unit: "",
    better: "higher",
    againstTruth: true,
    description:
      "Mean over thresholds 0..150 of the share of pixels whose CIELAB (a*, b*) distance to the truth is within the threshold.",
  },
  colorfulness: {
    label: "colourful",
    header: "M3",
    digits: 1,
    unit: "",
    better: "higher",
    againstTruth: false,
    description:
      "Hasler-Süsstrunk M3 of the predicted band: sqrt(σrg² + σyb²) + 0.3 sqrt(μrg² + μyb²) with rg = R-G, yb = (R+G)/2-B.",
  },
};

/** The metric keys in table order (the order of {@link METRIC_INFO}). */
export const METRIC_KEYS = Object.keys(METRIC_INFO) as readonly (keyof Metrics)[];

/**
 * Scores a predicted test band against its true colours.
 *
 * @param truth true colours, interleaved RGB, `width * height * 3` values
 * @param pred predicted colours, same layout
 * @param palette the palette labels are judged against
 * @param predLabels the predicted palette label per pixel (`width * height`); when absent each
 *   predicted colour's nearest palette label is used
 * @returns all metrics; `ssim` is NaN when `width` or `height` is below 7 (SSIM's window does not fit)
 * @throws RangeError when a buffer does not match `width * height` or the band is empty
 */
export function computeMetrics(
  truth: Uint8Array,
  pred: Uint8Array,
  width: number,
  height: number,
  palette: Palette,
  predLabels?: Uint8Array,
): Metrics {
  const n = width * height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || n <= 0) {
    throw new RangeError(`metrics need a non-empty band, got ${width}x${height}`);
  }
  if (truth.length !== 3 * n || pred.length !== 3 * n) {
    throw new RangeError(
      `metrics need ${3 * n} RGB values per image, got ${truth.length} and ${pred.length}`,
    );
  }
  if (predLabels !== undefined && predLabels.length !== n) {
    throw new RangeError(`predLabels must hold ${n} labels, got ${predLabels.length}`);
  }

  // One colour index serves the labels and the Lab errors: nearest labels are found once per
  // distinct colour, exactly as labelPixels would find them per pixel.
  const band = indexBandColors(truth, pred);
  const { colors, ti, pi } = band;
  const labelOf = new Uint8Array(colors.length);
  for (let s = 0; s < colors.length; s++) {
    const key = colors[s];
    labelOf[s] = nearestLabel(palette, key >>> 16, (key >>> 8) & 255, key & 255);
  }
  let hits = 0;
  if (predLabels) {
    for (let i = 0; i < n; i++) if (predLabels[i] === labelOf[ti[i]]) hits++;
  } else {
    for (let i = 0; i < n; i++) if (labelOf[pi[i]] === labelOf[ti[i]]) hits++;
  }

  let sq = 0;
  for (let i = 0; i < 3 * n; i++) {
    const d = truth[i] - pred[i];
    sq += d * d;
  }
  const rmse = Math.sqrt(sq / (3 * n));

  const errors = colorErrorsOfBand(band);
  return {
    labelAccuracy: hits / n,
    rmse,
    psnr: rmse === 0 ? Number.POSITIVE_INFINITY : 20 * Math.log10(255 / rmse),
    ssim: width < SSIM_WINDOW || height < SSIM_WINDOW ? Number.NaN : ssim(truth, pred, width, height),
    deltaE2000: errors.deltaE2000,
    aucAb: errors.aucAb,
    colorfulness: colorfulness(pred),
  };
}
