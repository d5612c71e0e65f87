import { type RgbImage, resizeBox } from "@colorize/core";

/**
 * Shrinks an image so neither side exceeds `maxSide`, with core's box filter (thin detail is
 * blended rather than skipped). Images already small enough are returned as they are.
 */
export function fitWithin(image: RgbImage, maxSide: number): RgbImage {
  const { width, height } = image;
  const scale = Math.min(1, maxSide / Math.max(width, height));
  if (scale === 1) return image;
  return resizeBox(image, Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
}
