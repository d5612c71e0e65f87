import type { Metrics } from "@colorize/core";
import { cells, formatNumber } from "./format.js";
import { SCORE_COLUMNS } from "./score-columns.js";
import type { RunState } from "./state.js";
import { runVerdict } from "./verdict-line.js";

/** Follows the name of the best agent (lowest ΔE2000, two agents or more finished). */
export const BEST_MARK = "✓ best";

interface ScoreRow {
  readonly name: string;
  readonly metrics: Metrics;
  readonly seconds?: number;
  readonly reference: boolean;
  readonly order: number;
}

/** The value a row is sorted by in `column` (0 name, 1..7 metrics, 8 seconds). */
function sortValue(row: ScoreRow, column: number): number | string {
  if (column === 0) return row.order;
  if (column <= SCORE_COLUMNS.length) return row.metrics[SCORE_COLUMNS[column - 1].key];
  return row.seconds ?? 0;
}

/**
 * The comparison table as text lines: header, rule, finished agents sorted by `sort` (a metric
 * column puts the better values first, `reversed` flips that; NaN last), then the `gray` and
 * `palette-ceiling` reference rows, as in the CLI. The sorted column's header carries ▼ or ▲, and
 * the best agent's name is followed by {@link BEST_MARK}.
 */
export function scoreTableLines(run: RunState, sort: { column: number; reversed: boolean }): string[] {
  const agents: ScoreRow[] = [];
  run.agents.forEach((r, order) => {
    if (r.status === "done" && r.result)
      agents.push({
        name: r.name,
        metrics: r.result.metrics,
        seconds: r.result.seconds,
        reference: false,
        order,
      });
  });
  const better =
    sort.column >= 1 && sort.column <= SCORE_COLUMNS.length ? SCORE_COLUMNS[sort.column - 1].better : "lower";
  const sign = (better === "higher" ? -1 : 1) * (sort.reversed ? -1 : 1);
  agents.sort((a, b) => {
    const va = sortValue(a, sort.column);
    const vb = sortValue(b, sort.column);
    const na = typeof va === "number" && Number.isNaN(va);
    const nb = typeof vb === "number" && Number.isNaN(vb);
    if (na || nb) return na === nb ? a.order - b.order : na ? 1 : -1;
    return va < vb ? -sign : va > vb ? sign : a.order - b.order;
  });
  const rows: ScoreRow[] = [...agents];
  if (run.baselines.gray)
    rows.push({ name: "gray", metrics: run.baselines.gray, reference: true, order: -1 });
  if (run.baselines.paletteCeiling) {
    rows.push({ name: "palette-ceiling", metrics: run.baselines.paletteCeiling, reference: true, order: -1 });
  }
  const mark = sort.reversed ? "▲" : "▼";
  const headers = ["agent", ...SCORE_COLUMNS.map((c) => c.header), "seconds"].map((h, i) =>
    i === sort.column ? `${h}${mark}` : h,
  );
  const best = runVerdict(run)?.best;
  const body = rows.map((r) => [
    !r.reference && r.name === best ? `${r.name} ${BEST_MARK}` : r.name,
    ...SCORE_COLUMNS.map((c) => formatNumber(r.metrics[c.key], c.digits)),
    r.reference ? "ref" : formatNumber(r.seconds, 2),
  ]);
  const widths = headers.map((h, i) => Math.max(cells(h), ...body.map((b) => cells(b[i]))));
  const line = (cs: readonly string[]) =>
    cs
      .map((c, i) => (i === 0 ? c + " ".repeat(widths[i] - cells(c)) : " ".repeat(widths[i] - cells(c)) + c))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "─".repeat(w))), ...body.map(line)];
}
