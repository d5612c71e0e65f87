import { type RgbImage, rgbImage } from "@colorize/core";

/**
 * The 32x32 pattern the JPEG fixtures were made from (identical to colour() in
 * fixtures/make-fixtures.mjs): a red and a blue 16x16 square on top, a gradient below with a pixel
 * checkerboard in the bottom-right 8x8 block.
 */
export function jpegPattern(): RgbImage {
  const image = rgbImage(32, 32);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      let rgb: readonly number[];
      if (y < 16) rgb = x < 16 ? PATTERN_RED : PATTERN_BLUE;
      else if (x >= 24 && y >= 24) rgb = (x + y) % 2 === 1 ? [255, 255, 255] : [0, 0, 0];
      else rgb = [8 * x + 4, 16 * (y - 16) + 8, 128];
      image.data.set(rgb, (y * 32 + x) * 3);
    }
  }
  return image;
}

export const PATTERN_RED: readonly number[] = [200, 40, 40];
export const PATTERN_BLUE: readonly number[] = [30, 70, 190];

/** Mean of each channel over the rectangle [x0, x1) x [y0, y1). */
export function meanColour(image: RgbImage, x0: number, y0: number, x1: number, y1: number): number[] {
  const sum = [0, 0, 0];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      for (let c = 0; c < 3; c++) sum[c]! += image.data[(y * image.width + x) * 3 + c]!;
    }
  }
  const n = (x1 - x0) * (y1 - y0);
  return sum.map((s) => s / n);
}

/** Largest absolute difference between two images' samples over the rectangle. */
export function maxAbsDiff(a: RgbImage, b: RgbImage, x0: number, y0: number, x1: number, y1: number): number {
  let worst = 0;
  for (let y = y0; y < y1; y++) {
    for (let i = (y * a.width + x0) * 3; i < (y * a.width + x1) * 3; i++) {
      worst = Math.max(worst, Math.abs(a.data[i]! - b.data[i]!));
    }
  }
  return worst;
}
