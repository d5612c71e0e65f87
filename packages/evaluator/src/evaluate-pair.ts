import { resolve } from "node:path";
import { MIN_HEIGHT, MIN_WIDTH, type RgbImage, type Task } from "@colorize/core";
import { encodePng, readImage } from "@colorize/image-io";
import { type Artifact, imageArtifacts, imageFiles } from "./artifacts.js";
import type { UnitEvent, UnitJob } from "./evaluate-unit.js";
import { changedPredictions, scrambleColumns } from "./leak-check.js";
import { compareUnit, type OpenedUnit, type UnitChoices } from "./open-unit.js";
import { pairTask } from "./pair-task.js";

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
    artifacts: (key) => pairArtifacts(key, reference, target, r.task, r.outputs),
  };
}

/**
 * The pictures of a pair: those `imageArtifacts` makes of the target (its true colours as the
 * original, its gray, each agent's colouring of it and its ΔE2000 heat map; a pair task's output
 * is the prediction itself, its split being at column 0), and the reference.
 */
export function pairArtifacts(
  key: string,
  reference: RgbImage,
  target: RgbImage,
  task: Task,
  outputs: ReadonlyMap<string, Uint8Array>,
): Artifact[] {
  return [
    ...imageArtifacts(key, target, task, outputs),
    { file: imageFiles.reference(key), png: encodePng(reference) },
  ];
}
