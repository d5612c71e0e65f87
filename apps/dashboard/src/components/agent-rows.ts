import { estimateLeft, fitEnd, fitStart, formatDuration, progressBar } from "../format.js";
import type { AgentRow } from "../state.js";

/** Widths of the fixed columns of an agent row; the bar takes what is left. */
const NAME = 12;
const FIXED = 2 + NAME + 1 + 1 + 4 + 1 + 8 + 1 + 9 + 1 + 9 + 1 + 7 + 1 + 9;

/** A loss or metric in at most 9 cells: 4 significant digits, exponent form outside [0.001, 99999]. */
export function formatLoss(v: number | undefined): string {
  if (v === undefined) return "-";
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 0.001 || a >= 99999.5) ? v.toExponential(2) : Number(v.toPrecision(4)).toString();
}

function timeLeft(row: AgentRow, now: number): string {
  switch (row.status) {
    case "queued":
      return "queued";
    case "done":
      return "done";
    case "failed":
      return "failed";
    case "cancelled":
      return "cancelled";
    default: {
      const left = estimateLeft(now - (row.startedAt ?? now), row.fraction);
      return left === undefined ? "…" : `~${formatDuration(left)}`;
    }
  }
}

/** The header above the agent rows, `width` cells wide. */
export function agentHeader(width: number): string {
  const bar = Math.max(5, width - FIXED);
  return `  ${"agent".padEnd(NAME)} ${"progress".padEnd(bar)} ${"".padStart(4)} ${"epoch".padStart(8)} ${"loss".padStart(9)} ${"valid".padStart(9)} ${"elapsed".padStart(7)} ${"left".padStart(9)}`;
}

/**
 * One agent's line: progress bar and percentage, epoch (or the stage of a non-iterative agent),
 * train loss, validation metric, elapsed time and the estimate of the time left.
 * @param now clock reading in ms (Date.now() scale)
 */
export function agentLine(row: AgentRow, selected: boolean, width: number, now: number): string {
  const bar = Math.max(5, width - FIXED);
  const pct = row.status === "queued" ? "" : `${Math.floor(row.fraction * 100)}%`;
  const epoch = row.epochs !== undefined ? `${row.epoch}/${row.epochs}` : (row.stage ?? "-");
  const end = row.endedAt ?? now;
  const elapsed = row.startedAt === undefined ? "" : formatDuration(Math.max(0, end - row.startedAt));
  return [
    `${selected ? "›" : " "} ${fitEnd(row.name, NAME)}`,
    progressBar(row.fraction, bar),
    fitStart(pct, 4),
    fitStart(epoch, 8),
    fitStart(formatLoss(row.trainLoss), 9),
    fitStart(formatLoss(row.validMetric), 9),
    fitStart(elapsed, 7),
    fitStart(timeLeft(row, now), 9),
  ].join(" ");
}
