import { METRIC_INFO, METRIC_KEYS, type Metrics } from "@colorize/core";
import { imageKey } from "./plan.js";
import type { EvalResults, ImageSummary, Stat } from "./schema.js";
import { formatStat } from "./stats.js";

/** A table as header cells and rows of cells, rendered as Markdown or HTML. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Metric columns in print order with decimals (from core's METRIC_INFO). */
export const METRIC_COLUMNS: readonly { key: keyof Metrics; digits: number }[] = METRIC_KEYS.map((key) => ({
  key,
  digits: METRIC_INFO[key].digits,
}));

const metricHeaders = () =>
  METRIC_COLUMNS.map((c) => {
    const i = METRIC_INFO[c.key];
    return `${i.label}${i.unit ? ` ${i.unit}` : ""} ${i.better === "higher" ? "↑" : "↓"}`;
  });

const cells = (m: Readonly<Record<keyof Metrics, Stat>>) =>
  METRIC_COLUMNS.map((c) => formatStat(m[c.key], c.digits));

/** One image: every agent, then the two reference rows; mean ± sd over seeds. */
export function imageTable(img: ImageSummary): Table {
  return {
    headers: ["agent", ...metricHeaders(), "seconds", "backend"],
    rows: [
      ...img.agents.map((a) => [a.name, ...cells(a.metrics), formatStat(a.seconds, 2), a.backend]),
      ["gray", ...cells(img.baselines.gray), "", "reference"],
      ["palette-ceiling", ...cells(img.baselines.paletteCeiling), "", "reference"],
    ],
  };
}

/** Every agent over every image and seed. */
export function overallTable(results: EvalResults): Table {
  return {
    headers: ["agent", ...metricHeaders(), "seconds", "beats the basic agent on"],
    rows: results.summary.overall.agents.map((a) => [
      a.name,
      ...cells(a.metrics),
      formatStat(a.seconds, 2),
      a.beatsBasicOn === null ? "" : `${a.beatsBasicOn} of ${results.summary.images.length} images`,
    ]),
  };
}

/** The k study of one image. */
export function kStudyTable(img: ImageSummary): Table | null {
  if (!img.kStudy) return null;
  return {
    headers: ["k", "quantisation RMSE ↓", "validation ΔE00 ↓", "validation accuracy ↑"],
    rows: img.kStudy.points.map((p) => [
      String(p.k) + (p.k === img.kStudy!.recommendedK ? " (recommended)" : ""),
      formatStat(p.quantisationRmse, 2),
      formatStat(p.deltaE2000, 2),
      formatStat(p.labelAccuracy, 3),
    ]),
  };
}

/** One sweep over every image: validation ΔE2000 and seconds per value. */
export function sweepTable(results: EvalResults, agent: string, param: string): Table {
  const spec = results.plan.sweeps.find((s) => s.agent === agent && s.param === param)!;
  const images = results.summary.images;
  return {
    headers: [param, ...images.flatMap((i) => [`${imageKey(i.image)} ΔE00`, "seconds"])],
    rows: spec.values.map((v) => [
      String(v),
      ...images.flatMap((i) => {
        const p = i.sweeps
          .find((s) => s.agent === agent && s.param === param)
          ?.points.find((q) => q.value === v);
        if (!p) return ["", ""];
        return [
          p.failed > 0 ? `${formatStat(p.deltaE2000, 2)} (${p.failed} failed)` : formatStat(p.deltaE2000, 2),
          formatStat(p.seconds, 2),
        ];
      }),
    ]),
  };
}

/** A table as GitHub Markdown. */
export function markdownTable(t: Table): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const line = (r: readonly string[]) => `| ${r.map(esc).join(" | ")} |`;
  return [
    line(t.headers),
    `|${t.headers.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`,
    ...t.rows.map(line),
  ].join("\n");
}
