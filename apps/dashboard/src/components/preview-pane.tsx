import type { RgbImage } from "@colorize/core";
import { Box, Text } from "ink";
import { useMemo } from "react";
import type { ColorMode } from "../color-mode.js";
import { fitEnd } from "../format.js";
import { fitCells, previewLines } from "../preview.js";
import type { RunState } from "../state.js";
import { Line } from "./line.js";

/** A picture of the preview with its caption. */
export interface Panel {
  readonly caption: string;
  readonly image: RgbImage;
}

/**
 * Pictures shown for a run: the photograph, its gray (all that agents see of the right half), then
 * each finished agent's output starting with the selected one, as many as fit side by side.
 */
export function previewPanels(run: RunState, selected: number, width: number): Panel[] {
  if (!run.original || !run.gray) return [];
  const panels: Panel[] = [
    { caption: "original", image: run.original },
    { caption: "gray input", image: run.gray },
  ];
  const n = run.agents.length;
  for (let i = 0; i < n; i++) {
    const row = run.agents[(selected + i) % n];
    const image = run.outputs[row.name];
    if (image) panels.push({ caption: `${row.name} output`, image });
  }
  // Panels of at least 20 cells, one cell apart.
  const fit = Math.max(1, Math.floor((width + 1) / 21));
  return panels.slice(0, fit);
}

function PanelView(props: { panel: Panel; width: number; height: number; mode: ColorMode }) {
  const { panel, width, height, mode } = props;
  const lines = useMemo(
    () => previewLines(panel.image, width, height - 1, mode),
    [panel.image, width, height, mode],
  );
  const cols = fitCells(panel.image.width, panel.image.height, width, height - 1).cols;
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Line text={fitEnd(panel.caption, cols)} color={mode !== "none"} tone="muted" />
      {lines.map((l, i) => (
        <Text key={`${i}`} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}

/** The preview pane: pictures side by side, each fitted to its share of `width` x `height` cells. */
export function PreviewPane(props: {
  run: RunState;
  selected: number;
  width: number;
  height: number;
  mode: ColorMode;
}) {
  const { run, width, height, mode } = props;
  const panels = previewPanels(run, props.selected, width);
  if (panels.length === 0) {
    return (
      <Box height={height}>
        <Line text="reading the photograph…" color={mode !== "none"} tone="muted" />
      </Box>
    );
  }
  // Panels as wide as the window allows, but no wider than the picture at full pane height.
  const share = Math.floor((width - (panels.length - 1)) / panels.length);
  return (
    <Box height={height}>
      {panels.map((p, i) => {
        const w = Math.max(
          1,
          Math.min(share, fitCells(p.image.width, p.image.height, share, height - 1).cols),
        );
        return (
          <Box key={p.caption} flexShrink={0}>
            {i > 0 && <Box width={1} flexShrink={0} />}
            <PanelView panel={p} width={w} height={height} mode={mode} />
          </Box>
        );
      })}
    </Box>
  );
}
