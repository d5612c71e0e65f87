import { resolve } from "node:path";
import { deltaE2000Map, MIN_HEIGHT, MIN_WIDTH, type RgbImage } from "@colorize/core";
import { encodePng, readImage } from "@colorize/image-io";
import { type Artifact, grayImage, heatArtifact, TILE_SIDE } from "./artifacts.js";
import type { UnitEvent, UnitJob } from "./evaluate-unit.js";
import { changedPredictions, scrambleColumns } from "./leak-check.js";
import { compareUnit, type OpenedUnit, type UnitChoices } from "./open-unit.js";
import { pairTask } from "./pair-task.js";
import { HEAT_MAX, heatImage } from "./raster/heatmap.js";
import { tileGrid } from "./raster/layout.js";
import { fitWithin } from "./raster/resize.js";

/**
 * Reads a unit's reference and target and runs every agent on their {@link pairTask}: trained on
 * the reference, scored on the whole target. The leak check scrambles every colour of the target
 * (its gray kept exact); the k study and the sweeps are measured on the reference alone.
 */
export async function openPair(
  job: UnitJob,
  choices: UnitChoices,
  emit: (e: UnitEvent) => void,
  signal?: AbortSignal,
): Promise<OpenedUnit> {
  const { unit } = job;
  const read = (p: string, min = { minWidth: 1, minHeight: 1 }) =>
    readImage(resolve(job.cwd, p), { maxPixels: job.maxPixels, ...min });
  const reference = await read(unit.reference!, { minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT });
  const target = await read(unit.image);
  const options = { k: job.k, seed: unit.seed, validationColumns: job.validationColumns ?? undefined };
  const compare = (img: RgbImage) =>
    compareUnit(job, choices, img, pairTask(reference, img, options), signal);
  emit({ type: "stage", unit: unit.unit, stage: "agents" });
  const r = await compare(target);
  return {
    result: r,
    studied: reference,
    width: target.width,
    height: target.height,
    reference: { image: unit.reference!, width: reference.width, height: reference.height },
    async leakCheck() {
      const scrambled = await compare(scrambleColumns(target, unit.seed, 0));
      const changed = new Set(changedPredictions(r.outputs, scrambled.outputs));
      return [...r.outputs.keys()].map((agent) => ({ agent, identical: !changed.has(agent) }));
    },
    artifacts: (key, title) => pairArtifacts(key, title, reference, target, r.outputs),
  };
}

/**
 * The image grids of a pair: the reference, the target's gray input, each agent's colouring of the
 * target and the target's true colours; and one ΔE2000 heat map of the target per agent, on the
 * shared 0..{@link HEAT_MAX} scale, with its legend.
 */
export function pairArtifacts(
  key: string,
  title: string,
  reference: RgbImage,
  target: RgbImage,
  outputs: ReadonlyMap<string, Uint8Array>,
): Artifact[] {
  const tile = (image: RgbImage, caption: string) => ({ image: fitWithin(image, TILE_SIDE), caption });
  const tiles = [tile(reference, "reference"), tile(grayImage(target), "gray input")];
  const heat = [];
  for (const [name, rgb] of outputs) {
    tiles.push(tile({ width: target.width, height: target.height, data: rgb }, name));
    heat.push(tile(heatImage(deltaE2000Map(target.data, rgb), target.width, target.height), name));
  }
  tiles.push(tile(target, "target"));
  const grid = tileGrid(tiles, 3, `${title}: reference, gray input, outputs, target`);
  const artifacts: Artifact[] = [{ file: `images/${key}-outputs.png`, png: encodePng(grid) }];
  if (heat.length > 0) artifacts.push(heatArtifact(key, `${title}: per-pixel ΔE2000 of the target`, heat));
  return artifacts;
}
