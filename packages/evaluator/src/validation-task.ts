import {
  createRng,
  cropColumns,
  defaultValidationColumns,
  type KMeansResult,
  kmeans,
  labelPixels,
  type Palette,
  type RgbImage,
  splitColumn,
  type TestSet,
  type TrainSet,
  toGray,
  toGray100,
} from "@colorize/core";

/**
 * A task carved from the left half alone: its "train" band is the left half minus the
 * validation strip, its "test" band is the strip, whose true colours are left-half colours.
 * Parameter sweeps and the k study score on it, so no right-half pixel is ever read.
 */
export interface ValidationTask {
  /** Image column of the strip's first column (= split column - strip width). */
  readonly column: number;
  /** Strip width in columns. */
  readonly stripColumns: number;
  /** k-means palette of the band left of the strip (the strip's colours are not used). */
  readonly palette: Palette;
  readonly kmeans?: KMeansResult;
  readonly train: TrainSet;
  readonly test: TestSet;
  /** The strip's true colours, interleaved RGB: for scoring only. */
  readonly truth: Uint8Array;
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
  const strip = options.validationColumns ?? defaultValidationColumns(c);
  if (!Number.isInteger(strip) || strip < 1 || c - strip < 3) {
    throw new RangeError(`a validation strip of ${strip} columns does not fit a left half of ${c} columns`);
  }
  const column = c - strip;
  const band = cropColumns(image, 0, column);
  const stripImage = cropColumns(image, column, c);
  let km: KMeansResult | undefined;
  let palette = options.palette;
  if (!palette) {
    km = kmeans(band.data, { k: options.k ?? 5, rng: createRng(options.seed ?? 0) });
    palette = km.palette;
  }
  const train: TrainSet = {
    width: band.width,
    height: band.height,
    gray: toGray(band).data,
    gray100: toGray100(band),
    rgb: band.data,
    labels: labelPixels(palette, band.data),
    palette,
    validationColumns: defaultValidationColumns(band.width),
  };
  const test: TestSet = {
    width: stripImage.width,
    height: stripImage.height,
    gray: toGray(stripImage).data,
    gray100: toGray100(stripImage),
  };
  return { column, stripColumns: strip, palette, kmeans: km, train, test, truth: stripImage.data };
}
