import { METRIC_INFO, METRIC_KEYS, type Metrics } from "@colorize/core";
import { imageKey } from "./plan.js";
import type { AgentInfo, EvalResults, Stat } from "./schema.js";

/** Metrics the gate checks: every one measured against the truth (not colourfulness), in table order. */
export const GATED_METRICS: readonly (keyof Metrics)[] = METRIC_KEYS.filter(
  (k) => METRIC_INFO[k].againstTruth,
);

/** How much worse than the baseline a metric may get: a fraction of the baseline, or an amount in its units. */
export interface MetricTolerance {
  readonly kind: "relative" | "absolute";
  readonly value: number;
}

/**
 * The gate's default tolerances. Relative where the metric's scale is its size (errors: 2 % more),
 * absolute where a fraction of the value means little: 2 % of a label accuracy of 0.93 would let 26 %
 * more pixels go wrong, 2 % of an AuC of 0.91 about 2.7 ab units more mean error.
 * - `labelAccuracy` 0.005: half a percent of the pixels;
 * - `psnr` 0.2 dB: about 2.3 % more RMSE;
 * - `ssim` 0.005;
 * - `aucAb` 0.003: the curve's area over t = 0..150, so about 0.45 ab units more mean error.
 */
export const DEFAULT_TOLERANCES: Readonly<Record<keyof Metrics, MetricTolerance>> = {
  labelAccuracy: { kind: "absolute", value: 0.005 },
  rmse: { kind: "relative", value: 0.02 },
  psnr: { kind: "absolute", value: 0.2 },
  ssim: { kind: "absolute", value: 0.005 },
  deltaE2000: { kind: "relative", value: 0.02 },
  aucAb: { kind: "absolute", value: 0.003 },
  colorfulness: { kind: "relative", value: 0 },
};

/** Options of {@link compareWithBaseline}. */
export interface GateOptions {
  /** Per-metric tolerances over {@link DEFAULT_TOLERANCES}. */
  readonly tolerances?: Partial<Record<keyof Metrics, MetricTolerance>>;
  /**
   * Agents that must reproduce the baseline exactly, better or worse (default: those of the basic role,
   * which is specified exactly and deterministic). The `gray` and `palette-ceiling` rows always must.
   */
  readonly exact?: (agent: AgentInfo) => boolean;
}

/** Outcome of {@link compareWithBaseline}. */
export interface GateResult {
  /** One line per regression, e.g. `coffee.png rgb-mlp ΔE00 3.1000 -> 3.2000 (+3.2 %), worse than ...`. */
  readonly failures: readonly string[];
  /** Number of (image, row, metric) means compared. */
  readonly checked: number;
  /** How many of those had to be equal. */
  readonly exact: number;
}

/** A tolerance as people write it: `2 %`, `±0.005`. */
export function describeTolerance(t: MetricTolerance): string {
  return t.kind === "relative" ? `${Number((t.value * 100).toPrecision(4))} %` : `±${t.value}`;
}

type Row = { readonly name: string; readonly metrics: Readonly<Record<keyof Metrics, Stat>> };

/**
 * Compares per-image mean scores with a baseline document. An agent held exact (see
 * {@link GateOptions.exact}) and the two reference rows fail on any change of a mean; every other
 * agent fails on a metric worse than the baseline's by more than its tolerance, in the metric's own
 * better direction. An image or agent of the baseline missing from the current results fails too.
 * Images are matched by file name, agents by label.
 */
export function compareWithBaseline(
  current: EvalResults,
  baseline: EvalResults,
  options: GateOptions = {},
): GateResult {
  const tolerances = { ...DEFAULT_TOLERANCES, ...options.tolerances };
  const isExact = options.exact ?? ((a: AgentInfo) => a.role === "basic");
  // Roles come from either document: a baseline written before roles existed still gates the basic agent.
  const exactAgents = new Set(
    [...baseline.plan.agents, ...current.plan.agents].filter(isExact).map((a) => a.name),
  );
  const failures: string[] = [];
  let checked = 0;
  let exact = 0;
  const compare = (where: string, b: Row, c: Row, mustEqual: boolean) => {
    for (const m of GATED_METRICS) {
      const base = b.metrics[m]?.mean;
      const now = c.metrics[m]?.mean;
      if (typeof base !== "number" || !Number.isFinite(base)) continue;
      checked++;
      if (mustEqual) exact++;
      const problem = mustEqual ? changed(base, now) : worse(m, base, now, tolerances[m]);
      if (problem) failures.push(`${where} ${b.name} ${METRIC_INFO[m].label} ${problem}`);
    }
  };
  for (const b of baseline.summary.images) {
    const name = imageKey(b.image);
    const c = current.summary.images.find((i) => imageKey(i.image) === name);
    if (!c) {
      failures.push(`${name}: in the baseline but not evaluated`);
      continue;
    }
    compare(
      name,
      { name: "gray", metrics: b.baselines.gray },
      { name: "gray", metrics: c.baselines.gray },
      true,
    );
    compare(
      name,
      { name: "palette-ceiling", metrics: b.baselines.paletteCeiling },
      { name: "palette-ceiling", metrics: c.baselines.paletteCeiling },
      true,
    );
    for (const ba of b.agents) {
      const ca = c.agents.find((a) => a.name === ba.name);
      if (!ca) failures.push(`${name} ${ba.name}: in the baseline but not evaluated`);
      else compare(name, ba, ca, exactAgents.has(ba.name));
    }
  }
  return { failures, checked, exact };
}

const show = (v: number | undefined) => (typeof v === "number" ? v.toFixed(4) : "n/a");

/** Why a mean held exact differs, or null. */
function changed(base: number, now: number | undefined): string | null {
  if (now === base) return null;
  return `${show(base)} -> ${show(now)}, changed: it must reproduce the baseline exactly`;
}

/** Why a mean is worse than the tolerance allows, or null. */
function worse(m: keyof Metrics, base: number, now: number | undefined, t: MetricTolerance): string | null {
  const slack = (t.kind === "relative" ? t.value * Math.abs(base) : t.value) + 1e-12;
  const bad =
    typeof now !== "number" ||
    !Number.isFinite(now) ||
    (METRIC_INFO[m].better === "lower" ? now > base + slack : now < base - slack);
  if (!bad) return null;
  const change =
    typeof now !== "number"
      ? ""
      : t.kind === "relative" && base !== 0
        ? ` (${(((now - base) / Math.abs(base)) * 100).toFixed(1)} %)`
        : ` (${now - base >= 0 ? "+" : ""}${(now - base).toFixed(4)})`;
  return `${show(base)} -> ${show(now)}${change}, worse than the ${describeTolerance(t)} tolerance`;
}

/**
 * Parses `--tolerance` values: `METRIC=VALUE` sets one metric's tolerance (in its own kind: a fraction for
 * relative metrics, an amount for absolute ones); a bare fraction sets every relative metric's.
 * @throws RangeError naming the bad value
 */
export function parseTolerances(raw: readonly string[]): Partial<Record<keyof Metrics, MetricTolerance>> {
  const out: Partial<Record<keyof Metrics, MetricTolerance>> = {};
  for (const item of raw) {
    const m = /^(?:([A-Za-z0-9]+)=)?([0-9.eE+-]+)$/.exec(item.trim());
    const value = m ? Number(m[2]) : Number.NaN;
    if (!m || !Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `--tolerance takes METRIC=VALUE or a fraction for the relative metrics, e.g. deltaE2000=0.03 or 0.02, got ${JSON.stringify(item)}`,
      );
    }
    const metric = m[1] as keyof Metrics | undefined;
    if (metric === undefined) {
      if (value >= 1) throw new RangeError(`--tolerance ${item}: a fraction below 1 (0.02 = 2 %)`);
      for (const k of GATED_METRICS)
        if (DEFAULT_TOLERANCES[k].kind === "relative") out[k] = { kind: "relative", value };
    } else if (!GATED_METRICS.includes(metric)) {
      throw new RangeError(`--tolerance ${item}: not a gated metric (${GATED_METRICS.join(", ")})`);
    } else {
      out[metric] = { kind: DEFAULT_TOLERANCES[metric].kind, value };
    }
  }
  return out;
}
