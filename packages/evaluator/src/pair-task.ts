import { bandTask, defaultValidationColumns, type RgbImage, type Task } from "@colorize/core";

/** Options of {@link pairTask}. */
export interface PairTaskOptions {
  /** Palette size for k-means on the reference (default 5). */
  readonly k?: number;
  /** Seed of k-means (default 0). */
  readonly seed?: number;
  /** Width of the reference's validation strip (default 10 % of its width, at most 2^17 pixels). */
  readonly validationColumns?: number;
}

/**
 * The task of a reference -> target pair: the agents train on the whole reference (its palette
 * from k-means on the reference alone, its validation strip its last columns, as `colorize train`
 * makes them) and are scored on the target, whose gray is all they see of it. Its `split` says
 * so: column 0 of a target `testWidth` wide, after a training band `trainWidth` wide. No target
 * pixel reaches the palette or the training set.
 */
export function pairTask(reference: RgbImage, target: RgbImage, options: PairTaskOptions = {}): Task {
  const strip = options.validationColumns ?? defaultValidationColumns(reference.width, reference.height);
  const task = bandTask(reference, target, {
    k: options.k,
    seed: options.seed ?? 0,
    validationColumns: strip,
  });
  return {
    split: {
      width: target.width,
      height: target.height,
      column: 0,
      trainWidth: reference.width,
      testWidth: target.width,
    },
    ...task,
  };
}
