import { resolve } from "node:path";
import { MIN_HEIGHT, MIN_WIDTH, prepareTask, type RgbImage, type Task } from "@colorize/core";
import { readImage } from "@colorize/image-io";
import { type ComparisonResult, type LoadedPlugin, runComparison } from "@colorize/runtime";
import { type Artifact, imageArtifacts } from "./artifacts.js";
import type { UnitEvent, UnitJob } from "./evaluate-unit.js";
import { leakCheck as checkLeaks } from "./leak-check.js";
import type { UnitResult } from "./schema.js";

/** The agents of a unit, as the engine takes them. */
export type UnitChoices = readonly { loaded: LoadedPlugin; config: Record<string, unknown>; label: string }[];

/** What a unit scores, opened from its image (or from its pair: see `openPair`). */
export interface OpenedUnit {
  /** Every agent on the unit's shared task. */
  readonly result: ComparisonResult;
  /** The colour photograph whose left half the k study and the sweeps are measured on. */
  readonly studied: RgbImage;
  /** Size of the scored image. */
  readonly width: number;
  readonly height: number;
  /** Per agent: whether its prediction stayed byte-identical with the test band's true colours scrambled. */
  leakCheck(): Promise<{ agent: string; identical: boolean }[]>;
  /** The pictures of the report, under `images/KEY/` (see `imageFiles`). */
  artifacts(key: string): Artifact[];
  readonly reference?: UnitResult["reference"];
}

/** Every agent of the unit, with its seed, on `task`, whose photograph is `image`. */
export function compareUnit(
  job: UnitJob,
  choices: UnitChoices,
  image: RgbImage,
  task: Task,
  signal?: AbortSignal,
): Promise<ComparisonResult> {
  return runComparison({
    image,
    imagePath: job.unit.image,
    agents: choices,
    seed: job.unit.seed,
    task,
    signal,
  });
}

/** Reads a unit's image and runs every agent on its split: train on the left half, score the right. */
export async function openImage(
  job: UnitJob,
  choices: UnitChoices,
  emit: (e: UnitEvent) => void,
  signal?: AbortSignal,
): Promise<OpenedUnit> {
  const { unit } = job;
  const image = await readImage(resolve(job.cwd, unit.image), {
    maxPixels: job.maxPixels,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
  });
  const validationColumns = job.validationColumns ?? undefined;
  const compare = (img: RgbImage) =>
    compareUnit(
      job,
      choices,
      img,
      prepareTask(img, { k: job.k, seed: unit.seed, validationColumns }),
      signal,
    );
  emit({ type: "stage", unit: unit.unit, stage: "agents" });
  const r = await compare(image);
  return {
    result: r,
    studied: image,
    width: image.width,
    height: image.height,
    leakCheck: () => checkLeaks(image, unit.seed, async (img) => (await compare(img)).outputs, r.outputs),
    artifacts: (key) => imageArtifacts(key, image, r.task, r.outputs),
  };
}
