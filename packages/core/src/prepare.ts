import { toGray, toGray100 } from "./gray.js";
import { cropColumns, type RgbImage } from "./image.js";
import { type KMeansResult, kmeans } from "./kmeans.js";
import { labelPixels, type Palette } from "./palette.js";
import { createRng } from "./prng.js";
import { makeSplit, type Split } from "./split.js";
import type { TestSet, TrainSet } from "./task.js";

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
   * (default: 10 % of the left half, at least 1, and 0 for halves narrower than 6 columns).
   */
  readonly validationColumns?: number;
}

/** Everything one comparison shares: the split, the palette, what agents see and the truth. */
export interface Task {
  readonly split: Split;
  readonly palette: Palette;
  /** The k-means run that made the palette, when it was not given. */
  readonly kmeans?: KMeansResult;
  readonly train: TrainSet;
  readonly test: TestSet;
  /** The right half's true colours: for scoring only, never handed to an agent. */
  readonly truth: Uint8Array;
}

/** Default validation strip width for a left half of `trainWidth` columns. */
export function defaultValidationColumns(trainWidth: number): number {
  return trainWidth < 6 ? 0 : Math.max(1, Math.round(trainWidth * 0.1));
}

/**
 * Splits an image at c = floor(W / 2), builds the palette from the left half's colours only,
 * and returns the training band (left half), the test band (right half's gray) and the truth.
 */
export function prepareTask(image: RgbImage, options: PrepareOptions = {}): Task {
  const split = makeSplit(image.width, image.height);
  const left = cropColumns(image, 0, split.column);
  const right = cropColumns(image, split.column, image.width);
  let km: KMeansResult | undefined;
  let palette = options.palette;
  if (!palette) {
    km = kmeans(left.data, { k: options.k ?? 5, rng: createRng(options.seed ?? 0) });
    palette = km.palette;
  }
  const validationColumns = options.validationColumns ?? defaultValidationColumns(split.trainWidth);
  if (
    !Number.isInteger(validationColumns) ||
    validationColumns < 0 ||
    validationColumns >= split.trainWidth
  ) {
    throw new RangeError(
      `validation strip of ${validationColumns} columns does not fit a left half of ${split.trainWidth}`,
    );
  }
  const train: TrainSet = {
    width: left.width,
    height: left.height,
    gray: toGray(left).data,
    gray100: toGray100(left),
    rgb: left.data,
    labels: labelPixels(palette, left.data),
    palette,
    validationColumns,
  };
  const test: TestSet = {
    width: right.width,
    height: right.height,
    gray: toGray(right).data,
    gray100: toGray100(right),
  };
  return { split, palette, kmeans: km, train, test, truth: right.data };
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
