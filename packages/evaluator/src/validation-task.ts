import {
  type BandTask,
  bandTask,
  cropColumns,
  defaultValidationColumns,
  type Palette,
  type RgbImage,
  splitColumn,
} from "@colorize/core";

/**
 * A task carved from the left half alone: its "train" band is the left half minus the
 * validation strip, its "test" band is the strip, whose true colours (`truth`) are left-half
 * colours. The palette is k-means on the band left of the strip (the strip's colours are not used).
 * Parameter sweeps and the k study score on it, so no right-half pixel is ever read.
 */
export interface ValidationTask extends BandTask {
  /** Image column of the strip's first column (= split column - strip width). */
  readonly column: number;
  /** Strip width in columns. */
  readonly stripColumns: number;
}

/** Options of {@link validationTask}. */
export interface ValidationTaskOptions {
  /** Palette size for k-means on the band left of the strip (default 5). */
  readonly k?: number;
  /** Seed of k-means (default 0). */
  readonly seed?: number;
  /** A fixed palette instead of k-means. */
  readonly palette?: Palette;
  /** Strip width (default: the main task's default strip for this image). */
  readonly validationColumns?: number;
}

/** Builds the {@link ValidationTask} of an image; reads only columns left of floor(W / 2). */
export function validationTask(image: RgbImage, options: ValidationTaskOptions = {}): ValidationTask {
  const c = splitColumn(image.width);
  const strip = options.validationColumns ?? defaultValidationColumns(c, image.height);
  if (!Number.isInteger(strip) || strip < 1 || c - strip < 3) {
    throw new RangeError(`a validation strip of ${strip} columns does not fit a left half of ${c} columns`);
  }
  const column = c - strip;
  const band = cropColumns(image, 0, column);
  const stripImage = cropColumns(image, column, c);
  const task = bandTask(band, stripImage, {
    k: options.k,
    seed: options.seed,
    palette: options.palette,
    validationColumns: defaultValidationColumns(band.width, band.height),
  });
  return { column, stripColumns: strip, ...task };
}

/** Validation tasks of one image and seed by palette size, as the k study and the sweeps ask for them. */
export type ValidationTasks = (k: number) => ValidationTask;

/**
 * The validation tasks of one image, seed and strip, built on first request; those of the sizes in
 * `keep` are kept for later requests (the sweeps run at the comparison's k, which the k study has
 * built already: one k-means instead of two), the others are not held.
 */
export function validationTasks(
  image: RgbImage,
  options: Omit<ValidationTaskOptions, "k" | "palette">,
  keep: readonly number[] = [],
): ValidationTasks {
  const kept = new Map<number, ValidationTask>();
  return (k) => {
    const have = kept.get(k);
    if (have) return have;
    const task = validationTask(image, { ...options, k });
    if (keep.includes(k)) kept.set(k, task);
    return task;
  };
}
