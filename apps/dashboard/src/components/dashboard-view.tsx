import { Box } from "ink";
import { fitEnd } from "../format.js";
import { helpText } from "../keys.js";
import type { DashboardState } from "../state.js";
import { Line } from "./line.js";
import { RunView } from "./run-view.js";
import { SetupView } from "./setup-view.js";

/**
 * The whole screen for a state: the set-up or run screen, then a message line and the help line.
 * It is one line shorter than the window, so the terminal never scrolls.
 */
export function DashboardView(props: { state: DashboardState }) {
  const { state } = props;
  const width = state.columns;
  const body = Math.max(3, state.rows - 3);
  const color = state.colorMode !== "none";
  const msg = state.message;
  return (
    <Box flexDirection="column" width={width} height={body + 2}>
      {state.screen === "setup" || !state.run ? (
        <SetupView setup={state.setup} width={width} height={body} color={color} />
      ) : (
        <RunView state={state} height={body} />
      )}
      <Line
        text={fitEnd(msg?.text ?? "", width)}
        color={color}
        tone={msg?.kind === "error" ? "bad" : "good"}
      />
      <Line text={fitEnd(helpText(state), width)} color={color} tone="muted" inverse />
    </Box>
  );
}
