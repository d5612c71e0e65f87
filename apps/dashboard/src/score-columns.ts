import { METRIC_INFO, type Metrics } from "@colorize/core";

/** A metric column of the comparison table: the same headers and decimals as the CLI's score tables. */
export interface ScoreColumn {
  readonly key: keyof Metrics;
  readonly header: string;
  readonly digits: number;
  /** Which direction is better (from core's METRIC_INFO): the first sort puts the best on top. */
  readonly better: "higher" | "lower";
}

const DISPLAY: readonly { key: keyof Metrics; header: string; digits: number }[] = [
  { key: "labelAccuracy", header: "acc", digits: 3 },
  { key: "rmse", header: "RMSE", digits: 2 },
  { key: "psnr", header: "PSNR dB", digits: 2 },
  { key: "ssim", header: "SSIM", digits: 4 },
  { key: "deltaE2000", header: "ΔE00", digits: 2 },
  { key: "aucAb", header: "AuC ab", digits: 3 },
  { key: "colorfulness", header: "M3", digits: 1 },
];

/** Metric columns in print order. */
export const SCORE_COLUMNS: readonly ScoreColumn[] = DISPLAY.map((c) => ({
  ...c,
  better: METRIC_INFO[c.key].better,
}));

/**
 * Sortable columns of the comparison table: 0 is the agent name (run order), 1..7 the metrics in
 * {@link SCORE_COLUMNS} order, 8 the seconds.
 */
export const SORT_COLUMN_COUNT = SCORE_COLUMNS.length + 2;
