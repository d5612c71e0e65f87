/** The smallest image the task accepts: a 3x3 patch must fit in each half. */
export const MIN_WIDTH = 6;
export const MIN_HEIGHT = 3;

/**
 * The split column c = floor(W / 2): columns [0, c) are training data, [c, W) test data.
 */
export function splitColumn(width: number): number {
  return Math.floor(width / 2);
}

/** A description of the split of an image of the given size. */
export interface Split {
  readonly width: number;
  readonly height: number;
  /** First test column, floor(width / 2). */
  readonly column: number;
  /** Width of the training (left) half, equal to `column`. */
  readonly trainWidth: number;
  /** Width of the test (right) half, `width - column`. */
  readonly testWidth: number;
}

/** Computes the split, refusing images too small for a 3x3 patch in each half. */
export function makeSplit(width: number, height: number): Split {
  if (width < MIN_WIDTH || height < MIN_HEIGHT) {
    throw new RangeError(
      `image is ${width}x${height}; it must be at least ${MIN_WIDTH} pixels wide and ${MIN_HEIGHT} tall`,
    );
  }
  const column = splitColumn(width);
  return { width, height, column, trainWidth: column, testWidth: width - column };
}
