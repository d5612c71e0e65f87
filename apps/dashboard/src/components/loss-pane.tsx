import { plot, yellow } from "asciichart";
import { Box } from "ink";
import { fitEnd } from "../format.js";
import type { AgentRow } from "../state.js";
import { formatLoss } from "./agent-rows.js";
import { Line } from "./line.js";

const LABEL = 9;

/** Keeps at most `n` points, evenly spaced, always the first and the last. */
export function thin(values: readonly number[], n: number): number[] {
  if (values.length <= n) return [...values];
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(values[Math.round((i * (values.length - 1)) / (n - 1))]);
  return out;
}

/**
 * The selected agent's train loss per epoch as an ASCII chart filling `width` x `height` cells, with
 * the validation loss in yellow when the agent reports one and colour is on. Chart lines are exactly
 * as wide as the chart; only the caption and the axis may need cutting.
 */
export function lossLines(
  row: AgentRow | undefined,
  width: number,
  height: number,
  color: boolean,
): string[] {
  if (!row) return ["no agent selected"];
  const losses = row.trainLosses.filter(Number.isFinite);
  if (losses.length === 0) {
    const why =
      row.status === "queued"
        ? "has not started"
        : row.status === "running"
          ? `is running${row.stage ? ` (${row.stage})` : ""}; no epoch reported yet`
          : "reported no epochs (it is not trained iteratively)";
    return [`${row.name} ${why}`];
  }
  const points = Math.max(2, width - LABEL - 2);
  const chartHeight = Math.max(1, height - 3);
  const train = thin(losses, points);
  const valid = color && row.validLosses.length === losses.length ? thin(row.validLosses, points) : undefined;
  const chart = plot(valid ? [train, valid] : [train], {
    height: chartHeight,
    colors: valid ? [undefined as unknown as string, yellow] : undefined,
    format: (x) => formatLoss(x).padStart(LABEL),
  }).split("\n");
  const last = row.epoch ?? losses.length;
  const metric =
    row.validMetric !== undefined ? ` · valid ${row.metric ?? "metric"} ${formatLoss(row.validMetric)}` : "";
  const caption = `${row.name}: train loss${valid ? " and valid loss (yellow)" : ""} by epoch · epoch ${last}/${row.epochs ?? last}${metric}`;
  // The first and last epoch under the ends of the curve, when there is room for both.
  const span = `${last}`;
  const axis =
    train.length >= span.length + 3
      ? `${"epoch".padStart(LABEL)}  1${span.padStart(train.length - 1)}`
      : `${"epoch".padStart(LABEL)}  1..${span}`;
  return [caption, ...chart, axis];
}

/** The loss pane. */
export function LossPane(props: {
  row: AgentRow | undefined;
  width: number;
  height: number;
  color: boolean;
}) {
  const lines = lossLines(props.row, props.width, props.height, props.color).slice(0, props.height);
  const last = lines.length - 1;
  return (
    <Box flexDirection="column" height={props.height}>
      {lines.map((l, i) => (
        <Line
          key={`${i}`}
          text={i === 0 || i === last ? fitEnd(l, props.width) : l}
          color={props.color}
          tone={i === 0 ? "accent" : undefined}
        />
      ))}
    </Box>
  );
}
