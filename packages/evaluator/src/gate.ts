import { METRIC_INFO, METRIC_KEYS, type Metrics } from "@colorize/core";
import { imageKey } from "./plan.js";
import type { EvalResults } from "./schema.js";

/** Metrics the gate checks: every one measured against the truth (not colourfulness), in table order. */
export const GATED_METRICS: readonly (keyof Metrics)[] = METRIC_KEYS.filter(
  (k) => METRIC_INFO[k].againstTruth,
);

/** Default relative tolerance of the gate: 2 % worse than the baseline's mean. */
export const DEFAULT_TOLERANCE = 0.02;

/** Outcome of {@link compareWithBaseline}. */
export interface GateResult {
  /** One line per regression, e.g. `coffee.png knn ΔE00 8.10 -> 8.90 (+9.9 %, worse)`. */
  readonly failures: readonly string[];
  /** Number of (image, agent, metric) means compared. */
  readonly checked: number;
}

/**
 * Compares per-image mean scores with a baseline document. A metric fails when it is worse than
 * the baseline's by more than `tolerance` × |baseline| (in its own better direction); an image or
 * agent of the baseline missing from the current results fails too. Images are matched by file
 * name, agents by label.
 */
export function compareWithBaseline(
  current: EvalResults,
  baseline: EvalResults,
  tolerance = DEFAULT_TOLERANCE,
): GateResult {
  const failures: string[] = [];
  let checked = 0;
  for (const b of baseline.summary.images) {
    const name = imageKey(b.image);
    const c = current.summary.images.find((i) => imageKey(i.image) === name);
    if (!c) {
      failures.push(`${name}: in the baseline but not evaluated`);
      continue;
    }
    for (const ba of b.agents) {
      const ca = c.agents.find((a) => a.name === ba.name);
      if (!ca) {
        failures.push(`${name} ${ba.name}: in the baseline but not evaluated`);
        continue;
      }
      for (const m of GATED_METRICS) {
        const base = ba.metrics[m]?.mean;
        const now = ca.metrics[m]?.mean;
        if (typeof base !== "number" || !Number.isFinite(base)) continue;
        checked++;
        const info = METRIC_INFO[m];
        const slack = tolerance * Math.abs(base) + 1e-12;
        const worse =
          typeof now !== "number" ||
          !Number.isFinite(now) ||
          (info.better === "lower" ? now > base + slack : now < base - slack);
        if (worse) {
          const change =
            typeof now === "number" && base !== 0
              ? ` (${(((now - base) / Math.abs(base)) * 100).toFixed(1)} %)`
              : "";
          failures.push(
            `${name} ${ba.name} ${info.label} ${base.toFixed(4)} -> ${typeof now === "number" ? now.toFixed(4) : "n/a"}${change}, worse than the ${(tolerance * 100).toFixed(1)} % tolerance`,
          );
        }
      }
    }
  }
  return { failures, checked };
}
