import { Box } from "ink";
import { fitEnd } from "../format.js";
import { scoreTableLines } from "../score-table.js";
import type { RunState } from "../state.js";
import { Line } from "./line.js";

/** The comparison pane: the score table, cut to `height` lines. */
export function ScoresPane(props: {
  run: RunState;
  sort: { column: number; reversed: boolean };
  width: number;
  height: number;
  color: boolean;
}) {
  const lines = props.run.baselines.gray
    ? scoreTableLines(props.run, props.sort)
    : ["scores appear when the split is ready"];
  return (
    <Box flexDirection="column" height={props.height}>
      {lines.slice(0, props.height).map((l, i) => (
        <Line
          key={`${i}`}
          text={fitEnd(l, props.width)}
          color={props.color}
          tone={i === 0 ? "accent" : undefined}
        />
      ))}
    </Box>
  );
}
