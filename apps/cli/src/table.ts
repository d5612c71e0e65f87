import { METRIC_INFO, METRIC_KEYS, type Metrics } from "@colorize/core";
import { verdict } from "@colorize/evaluator/verdict";
import type { AgentChoice } from "@colorize/runtime";

/** Metric columns in print order, with headers and decimals (from core's METRIC_INFO). */
export const METRIC_COLUMNS: readonly { key: keyof Metrics; header: string; digits: number }[] =
  METRIC_KEYS.map((key) => ({ key, header: METRIC_INFO[key].header, digits: METRIC_INFO[key].digits }));

/** Formats a number for a table: fixed digits, "inf" and "n/a" where they apply. */
export function fmt(v: number | undefined, digits: number): string {
  if (v === undefined || Number.isNaN(v)) return "n/a";
  if (v === Number.POSITIVE_INFINITY) return "inf";
  return v.toFixed(digits);
}

const NUMERIC = /^(-?\d+(\.\d+)?|n\/a|inf|)$/;

/**
 * Renders rows as a plain-text table: the first column and text columns left-aligned, columns whose
 * cells are all numbers right-aligned.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const len = (c: string) => [...c].length;
  const widths = headers.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ""))));
  const right = headers.map(
    (_, i) => i > 0 && rows.length > 0 && rows.every((r) => NUMERIC.test(r[i] ?? "")),
  );
  const pad = (c: string, w: number) => " ".repeat(Math.max(0, w - len(c)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right[i] ? pad(c, widths[i]) + c : c + pad(c, widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** A score row: name, the metrics, and optional trailing cells. */
export function scoreRow(name: string, m: Metrics, extra: readonly string[] = []): string[] {
  return [name, ...METRIC_COLUMNS.map((c) => fmt(m[c.key], c.digits)), ...extra];
}

/** The score table of a run: agents, then the `gray` and `palette-ceiling` references. */
export function scoreTable(
  agents: readonly { name: string; metrics: Metrics; seconds: number; backend: string }[],
  baselines: { gray: Metrics; paletteCeiling: Metrics },
): string {
  const headers = ["agent", ...METRIC_COLUMNS.map((c) => c.header), "seconds", "backend"];
  const rows = [
    ...agents.map((a) => scoreRow(a.name, a.metrics, [a.seconds.toFixed(2), a.backend])),
    scoreRow("gray", baselines.gray, ["", "reference"]),
    scoreRow("palette-ceiling", baselines.paletteCeiling, ["", "reference"]),
  ];
  return renderTable(headers, rows);
}

/**
 * The line that ends the score table of a run of two or more agents: the best agent by ΔE2000 and
 * how far below the basic agent it is (the evaluator's verdict, which the dashboard shows too).
 * @param agents the finished agents
 * @param choices the agents asked for, whose plugins say which one is the basic agent
 */
export function verdictLine(
  agents: readonly { name: string; metrics: Metrics }[],
  choices: readonly AgentChoice[],
): string | undefined {
  const role = (name: string) =>
    choices.find((c) => (c.label ?? c.loaded.short) === name)?.loaded.plugin.meta.role;
  return verdict(agents.map((a) => ({ name: a.name, role: role(a.name), deltaE2000: a.metrics.deltaE2000 })))
    ?.text;
}
