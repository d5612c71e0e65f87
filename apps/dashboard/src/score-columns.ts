import { METRIC_INFO, METRIC_KEYS, type Metrics } from "@colorize/core";

/** A metric column of the comparison table: the same headers and decimals as the CLI's score tables. */
export interface ScoreColumn {
  readonly key: keyof Metrics;
  readonly header: string;
  readonly digits: number;
  /** Which direction is better (from core's METRIC_INFO): the first sort puts the best on top. */
  readonly better: "higher" | "lower";
}

/** Metric columns in print order: the CLI's headers and decimals, from core's METRIC_INFO. */
export const SCORE_COLUMNS: readonly ScoreColumn[] = METRIC_KEYS.map((key) => {
  const { header, digits, better } = METRIC_INFO[key];
  return { key, header, digits, better };
});

/**
 * Sortable columns of the comparison table: 0 is the agent name (run order), 1..7 the metrics in
 * {@link SCORE_COLUMNS} order, 8 the seconds.
 */
export const SORT_COLUMN_COUNT = SCORE_COLUMNS.length + 2;
