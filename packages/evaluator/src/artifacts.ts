import { composeOutput, deltaE2000Map, type RgbImage, type Task } from "@colorize/core";
import { encodePng } from "@colorize/image-io";
import { textWidth } from "./raster/font.js";
import { HEAT_MAX, heatImage, heatLegend } from "./raster/heatmap.js";
import { stackVertical, type Tile, tileGrid } from "./raster/layout.js";
import { fitWithin } from "./raster/resize.js";

/** A PNG file to write under the output folder. */
export interface Artifact {
  /** Path relative to the output folder, e.g. `images/coffee-png-outputs.png`. */
  readonly file: string;
  readonly png: Uint8Array;
}

/** Largest side of a tile in the image grids, in pixels. */
export const TILE_SIDE = 320;

/** The gray image the agents see, rounded to 8 bits for display. */
export function grayImage(image: RgbImage): RgbImage {
  const n = image.width * image.height;
  const out = new Uint8Array(n * 3);
  const d = image.data;
  for (let i = 0; i < n; i++) {
    const v = Math.round((21 * d[i * 3] + 72 * d[i * 3 + 1] + 7 * d[i * 3 + 2]) / 100);
    out[i * 3] = v;
    out[i * 3 + 1] = v;
    out[i * 3 + 2] = v;
  }
  return { width: image.width, height: image.height, data: out };
}

/**
 * The image grids of one image: the original, the gray input and each agent's output (left half in
 * palette colours, right half predicted) side by side; and one ΔE2000 heat map of the right half per
 * agent, on a shared 0..{@link HEAT_MAX} scale with its legend.
 */
export function imageArtifacts(
  key: string,
  title: string,
  image: RgbImage,
  task: Task,
  outputs: ReadonlyMap<string, Uint8Array>,
): Artifact[] {
  const tiles = [
    { image: fitWithin(image, TILE_SIDE), caption: "original" },
    { image: fitWithin(grayImage(image), TILE_SIDE), caption: "gray input" },
  ];
  const heat = [];
  for (const [name, rgb] of outputs) {
    tiles.push({ image: fitWithin(composeOutput(task, rgb), TILE_SIDE), caption: name });
    const map = heatImage(deltaE2000Map(task.truth, rgb), task.test.width, task.test.height);
    heat.push({ image: fitWithin(map, TILE_SIDE), caption: name });
  }
  const grid = tileGrid(tiles, 3, `${title}: original, gray input, outputs`);
  const artifacts: Artifact[] = [{ file: `images/${key}-outputs.png`, png: encodePng(grid) }];
  if (heat.length > 0)
    artifacts.push(heatArtifact(key, `${title}: per-pixel ΔE2000 of the right half`, heat));
  return artifacts;
}

/** `images/KEY-heat.png`: the heat-map tiles under `title`, with the legend of their shared scale. */
export function heatArtifact(key: string, title: string, heat: readonly Tile[]): Artifact {
  const maps = tileGrid(heat, 4, title);
  const caption = `ΔE2000 (0 = exact, ${HEAT_MAX}+ = saturated)`;
  const legend = heatLegend(Math.max(textWidth(caption, 2) + 24, Math.min(maps.width, 600)), caption);
  return { file: `images/${key}-heat.png`, png: encodePng(stackVertical([maps, legend])) };
}
