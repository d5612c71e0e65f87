import { computeMetrics, grayToRgb, labelPixels, type Metrics, paintLabels, type Task } from "@colorize/core";

/**
 * The `gray` reference: every test pixel painted R = G = B = its gray, rounded to the nearest
 * integer because an 8-bit image cannot hold the float (the only rounding in a run).
 */
export function grayPrediction(task: Task): Uint8Array {
  const { width, height, gray } = task.test;
  return grayToRgb({ width, height, data: gray }).data;
}

/** The `palette-ceiling` reference: the right half's true colours snapped to the palette. */
export function paletteCeilingPrediction(task: Task): { rgb: Uint8Array; labels: Uint8Array } {
  const labels = labelPixels(task.palette, task.truth);
  return { rgb: paintLabels(task.palette, labels), labels };
}

/** Metrics of both reference rows. */
export function baselineMetrics(task: Task): { gray: Metrics; paletteCeiling: Metrics } {
  const { width, height } = task.test;
  const ceiling = paletteCeilingPrediction(task);
  return {
    gray: computeMetrics(task.truth, grayPrediction(task), width, height, task.palette),
    paletteCeiling: computeMetrics(task.truth, ceiling.rgb, width, height, task.palette, ceiling.labels),
  };
}
