import { Box } from "ink";
import { fitEnd } from "../format.js";
import { BEST_MARK, scoreTableLines } from "../score-table.js";
import type { RunState } from "../state.js";
import { runVerdict } from "../verdict-line.js";
import { Line } from "./line.js";

/** The comparison pane: the score table, cut to `height` lines, and the verdict once the run is done. */
export function ScoresPane(props: {
  run: RunState;
  sort: { column: number; reversed: boolean };
  width: number;
  height: number;
  color: boolean;
}) {
  const table = props.run.baselines.gray
    ? scoreTableLines(props.run, props.sort)
    : ["scores appear when the split is ready"];
  const v = props.run.status === "done" ? runVerdict(props.run) : null;
  // The verdict keeps its line under the table however short the pane is.
  const room = v ? Math.max(0, props.height - 2) : props.height;
  const lines = [...table.slice(0, room), ...(v ? ["", v.text] : [])];
  const isVerdict = (i: number) => v !== null && i === lines.length - 1;
  return (
    <Box flexDirection="column" height={props.height}>
      {lines.slice(0, props.height).map((l, i) => (
        <Line
          key={`${i}`}
          text={fitEnd(l, props.width)}
          color={props.color}
          tone={i === 0 ? "accent" : isVerdict(i) || l.includes(BEST_MARK) ? "good" : undefined}
          bold={isVerdict(i)}
        />
      ))}
    </Box>
  );
}
