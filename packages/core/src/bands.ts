import { toGray, toGray100 } from "./gray.js";
import type { RgbImage } from "./image.js";
import type { Kernels } from "./kernels.js";
import { type KMeansResult, kmeans } from "./kmeans.js";
import { labelPixels, type Palette } from "./palette.js";
import { createRng } from "./prng.js";
import type { TestSet, TrainSet } from "./task.js";

/** Options of {@link bandTask}. */
export interface BandTaskOptions {
  /** Palette size for k-means on the training band (default 5). Ignored when `palette` is given. */
  readonly k?: number;
  /** Seed of the k-means++ initialisation (default 0). */
  readonly seed?: number;
  /** A fixed palette instead of k-means. */
  readonly palette?: Palette;
  /** Width of the training band's validation strip: its last columns (see {@link TrainSet}). */
  readonly validationColumns: number;
  /** Kernels whose `assign` k-means uses (default: core's own loop); they record what ran. */
  readonly kernels?: Pick<Kernels, "assign">;
}

/** What {@link bandTask} builds: the palette, what an agent trains on and predicts from, and the truth. */
export interface BandTask {
  readonly palette: Palette;
  /** The k-means run that made the palette, when it was not given. */
  readonly kmeans?: KMeansResult;
  readonly train: TrainSet;
  readonly test: TestSet;
  /** The test band's true colours, interleaved RGB: for scoring only, never handed to an agent. */
  readonly truth: Uint8Array;
}

function checkStrip(validationColumns: number, width: number): void {
  if (!Number.isInteger(validationColumns) || validationColumns < 0 || validationColumns >= width) {
    throw new RangeError(
      `validation strip of ${validationColumns} columns does not fit a band of ${width} columns`,
    );
  }
}

/**
 * The {@link TrainSet} of a colour band: its gray (float and x 100), colours and each pixel's
 * nearest `palette` label; its last `validationColumns` columns are the validation strip.
 * @throws RangeError when the strip is not a whole number of columns in [0, band width)
 */
export function trainSet(band: RgbImage, palette: Palette, validationColumns: number): TrainSet {
  checkStrip(validationColumns, band.width);
  return {
    width: band.width,
    height: band.height,
    gray: toGray(band).data,
    gray100: toGray100(band),
    rgb: band.data,
    labels: labelPixels(palette, band.data),
    palette,
    validationColumns,
  };
}

/**
 * The {@link TestSet} of a band: its gray only (float and x 100), nothing of its colour. A gray
 * photograph read as RGB (R = G = B) gives gray = R exactly.
 */
export function testSet(band: RgbImage): TestSet {
  return { width: band.width, height: band.height, gray: toGray(band).data, gray100: toGray100(band) };
}

/**
 * Builds a task from two bands: the palette from the training band's colours only (`palette` as
 * given, or k-means), the training set of that band, the test set of the test band, and the test
 * band's colours as the truth. No pixel of the test band reaches `train` or the palette. A strip
 * that does not fit is refused before k-means runs.
 * @throws RangeError as {@link trainSet} does
 */
export function bandTask(trainBand: RgbImage, testBand: RgbImage, options: BandTaskOptions): BandTask {
  checkStrip(options.validationColumns, trainBand.width);
  let km: KMeansResult | undefined;
  let palette = options.palette;
  if (!palette) {
    km = kmeans(trainBand.data, {
      k: options.k ?? 5,
      rng: createRng(options.seed ?? 0),
      assign: options.kernels?.assign,
    });
    palette = km.palette;
  }
  return {
    palette,
    kmeans: km,
    train: trainSet(trainBand, palette, options.validationColumns),
    test: testSet(testBand),
    truth: testBand.data,
  };
}
