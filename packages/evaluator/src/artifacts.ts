import { composeOutput, deltaE2000Map, grayToRgb, type RgbImage, type Task, toGray } from "@colorize/core";
import { encodePng } from "@colorize/image-io";
import { slug } from "./plan.js";
import { heatImage } from "./raster/heatmap.js";

/** A PNG file to write under the output folder. */
export interface Artifact {
  /** Path relative to the output folder, e.g. `images/coffee-png/original.png`. */
  readonly file: string;
  readonly png: Uint8Array;
}

/**
 * The full-size pictures of one image, relative to the output folder: one folder per image key,
 * so that no agent label can collide with another picture's name.
 */
export const imageFiles = {
  original: (key: string) => `images/${key}/original.png`,
  /** The photograph a pair's agents trained on (a pair's `original` is its target). */
  reference: (key: string) => `images/${key}/reference.png`,
  gray: (key: string) => `images/${key}/gray.png`,
  /** The agent's output as `colorize run` writes it: left half in palette colours, right half predicted. */
  output: (key: string, agent: string) => `images/${key}/output-${slug(agent)}.png`,
  /** Per-pixel ΔE2000 of the agent's right half against the truth, through viridis (see HEAT_MAX). */
  heat: (key: string, agent: string) => `images/${key}/heat-${slug(agent)}.png`,
} as const;

/**
 * The full-size pictures of one image for the report: the original, the gray input (rounded to 8
 * bits for display), and per agent its output and the ΔE2000 heat map of its right half.
 * @param key the image's file-name slug (see `slug(imageKey(path))`)
 */
export function imageArtifacts(
  key: string,
  image: RgbImage,
  task: Task,
  outputs: ReadonlyMap<string, Uint8Array>,
): Artifact[] {
  const artifacts: Artifact[] = [
    { file: imageFiles.original(key), png: encodePng(image) },
    { file: imageFiles.gray(key), png: encodePng(grayToRgb(toGray(image))) },
  ];
  for (const [name, rgb] of outputs) {
    artifacts.push({ file: imageFiles.output(key, name), png: encodePng(composeOutput(task, rgb)) });
    const map = heatImage(deltaE2000Map(task.truth, rgb), task.test.width, task.test.height);
    artifacts.push({ file: imageFiles.heat(key, name), png: encodePng(map) });
  }
  return artifacts;
}
