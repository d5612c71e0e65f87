import { type BandTask, bandTask } from "./bands.js";
import { toGray100 } from "./gray.js";
import { cropColumns, type RgbImage } from "./image.js";
import type { Kernels } from "./kernels.js";
import type { Palette } from "./palette.js";
import { makeSplit, type Split } from "./split.js";
import type { GrayBand, GrayBands } from "./task.js";

/** Options of {@link prepareTask}. */
export interface PrepareOptions {
  /** Palette size for k-means (default 5). Ignored when `palette` is given. */
  readonly k?: number;
  /** Seed of the k-means++ initialisation (default 0). */
  readonly seed?: number;
  /** A fixed palette instead of k-means. */
  readonly palette?: Palette;
  /**
   * Width of the validation strip in columns, taken from the left half next to the split
   * (default: 10 % of the left half, at least 1, and 0 for halves narrower than 6 columns; at most
   * as many columns as hold MAX_VALIDATION_PIXELS pixels).
   */
  readonly validationColumns?: number;
  /** Kernels whose `assign` k-means uses (default: core's own loop); they record what ran. */
  readonly kernels?: Pick<Kernels, "assign">;
}

/**
 * Everything one comparison shares: the split, the palette, what agents see and the truth. Its
 * bands are the halves: `train` the left half, `test` and `truth` the right half.
 */
export interface Task extends BandTask {
  readonly split: Split;
}

/**
 * The most pixels a default validation strip holds (2^17): beyond this a strip scored after every
 * epoch costs time (at 12 MP, as much as a prediction) without telling epochs apart any better.
 */
export const MAX_VALIDATION_PIXELS = 131_072;

/**
 * Default validation strip width for a left half of `trainWidth` columns and `height` rows: 10 %
 * of its columns (at least 1; 0 for halves narrower than 6 columns), but no more columns than
 * hold {@link MAX_VALIDATION_PIXELS} pixels (at least 1).
 */
export function defaultValidationColumns(trainWidth: number, height: number): number {
  if (trainWidth < 6) return 0;
  const tenth = Math.max(1, Math.round(trainWidth * 0.1));
  return Math.min(tenth, Math.max(1, Math.floor(MAX_VALIDATION_PIXELS / Math.max(1, height))));
}

/**
 * Splits an image at c = floor(W / 2), builds the palette from the left half's colours only,
 * and returns the training band (left half), the test band (right half's gray) and the truth.
 */
export function prepareTask(image: RgbImage, options: PrepareOptions = {}): Task {
  const split = makeSplit(image.width, image.height);
  const validationColumns =
    options.validationColumns ?? defaultValidationColumns(split.trainWidth, image.height);
  if (
    !Number.isInteger(validationColumns) ||
    validationColumns < 0 ||
    validationColumns >= split.trainWidth
  ) {
    throw new RangeError(
      `validation strip of ${validationColumns} columns does not fit a left half of ${split.trainWidth}`,
    );
  }
  const left = cropColumns(image, 0, split.column);
  const right = cropColumns(image, split.column, image.width);
  return { split, ...bandTask(left, right, { ...options, validationColumns }) };
}

/**
 * The left half recoloured with each pixel's nearest palette colour, then the right half's
 * prediction: the output image of a run.
 */
export function composeOutput(task: Task, predictionRgb: Uint8Array): RgbImage {
  const { split, train, palette } = task;
  const out = new Uint8Array(split.width * split.height * 3);
  for (let y = 0; y < split.height; y++) {
    for (let x = 0; x < split.column; x++) {
      const l = train.labels[y * split.column + x];
      const o = (y * split.width + x) * 3;
      out[o] = palette.colors[l * 3];
      out[o + 1] = palette.colors[l * 3 + 1];
      out[o + 2] = palette.colors[l * 3 + 2];
    }
    out.set(
      predictionRgb.subarray(y * split.testWidth * 3, (y + 1) * split.testWidth * 3),
      (y * split.width + split.column) * 3,
    );
  }
  return { width: split.width, height: split.height, data: out };
}

/**
 * The gray of the halves {@link prepareTask} splits an image into: equal, value for value, to its
 * task's `train.gray100` and `test.gray100`, without k-means (see `Plugin.ahead`).
 */
export function grayHalves(image: RgbImage): GrayBands {
  const split = makeSplit(image.width, image.height);
  const band = (x0: number, x1: number): GrayBand => {
    const crop = cropColumns(image, x0, x1);
    return { width: crop.width, height: crop.height, gray100: toGray100(crop) };
  };
  return { train: band(0, split.column), test: band(split.column, image.width) };
}
