import { basename } from "node:path";
import { Box } from "ink";
import { fitEnd, formatDuration } from "../format.js";
import { type DashboardState, PANES, type RunState } from "../state.js";
import { agentHeader, agentLine } from "./agent-rows.js";
import { Line, type Tone } from "./line.js";
import { LossPane } from "./loss-pane.js";
import { PreviewPane } from "./preview-pane.js";
import { ScoresPane } from "./scores-pane.js";

const STATUS_TONE: Record<string, Tone | undefined> = {
  running: "accent",
  done: "good",
  failed: "bad",
  cancelled: "warn",
  queued: "muted",
};

/** The title line: image, split, k and seed on the left; the run's state and clock on the right. */
export function titleLine(run: RunState, width: number, now: number): string {
  const img = run.image ? ` ${run.image.width}×${run.image.height}` : "";
  const split = run.split ? ` · split at ${run.split.column}` : "";
  const left = `colorize · ${basename(run.imagePath)}${img}${split} · k ${run.k} · seed ${run.seed}`;
  const right =
    run.status === "done"
      ? `done in ${formatDuration((run.endedAt ?? now) - run.startedAt)}`
      : `running ${formatDuration(now - run.startedAt)}`;
  const room = width - [...right].length - 1;
  return room < 10 ? fitEnd(left, width) : `${fitEnd(left, room)} ${right}`;
}

const PANE_LABEL = { loss: "1 loss", preview: "2 preview", scores: "3 scores" } as const;

/** The pane tabs: the active one in brackets. */
export function tabsLine(pane: DashboardState["pane"], width: number): string {
  const tabs = PANES.map((p) => (p === pane ? `[${PANE_LABEL[p]}]` : ` ${PANE_LABEL[p]} `)).join(" ");
  return [...`${tabs} ${"─".repeat(width)}`].slice(0, width).join("");
}

/**
 * The run screen: title, one row per agent, the pane tabs and the active pane.
 * @param height lines available (the message and help lines are outside)
 */
export function RunView(props: { state: DashboardState; height: number }) {
  const { state, height } = props;
  const run = state.run!;
  const { columns: width, now } = state;
  const color = state.colorMode !== "none";
  const paneHeight = Math.max(1, height - 3 - run.agents.length);
  const selectedRow = run.agents[state.selected];
  return (
    <Box flexDirection="column" height={height}>
      <Line text={titleLine(run, width, now)} color={color} tone="accent" bold />
      <Line text={fitEnd(agentHeader(width), width)} color={color} tone="muted" />
      {run.agents.map((row, i) => (
        <Line
          key={row.name}
          text={fitEnd(agentLine(row, i === state.selected, width, now), width)}
          color={color}
          tone={STATUS_TONE[row.status]}
          bold={i === state.selected}
        />
      ))}
      <Line text={tabsLine(state.pane, width)} color={color} tone="muted" />
      {state.pane === "loss" && (
        <LossPane row={selectedRow} width={width} height={paneHeight} color={color} />
      )}
      {state.pane === "preview" && (
        <PreviewPane
          run={run}
          selected={state.selected}
          width={width}
          height={paneHeight}
          mode={state.colorMode}
        />
      )}
      {state.pane === "scores" && (
        <ScoresPane run={run} sort={state.sort} width={width} height={paneHeight} color={color} />
      )}
    </Box>
  );
}
