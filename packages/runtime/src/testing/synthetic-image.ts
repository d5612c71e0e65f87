import { createRng, type RgbImage } from "@colorize/core";

/**
 * A seeded test photograph, `width` x `height`: diagonal bands of two colours (period 12 pixels)
 * with per-pixel noise in red and green, and blue ramping from 40 at the top row towards 295
 * (clipped at 255) at the bottom.
 */
export function syntheticImage(width: number, height: number, seed = 1): RgbImage {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const band = (x + 2 * y) % 12 < 6;
      data[o] = band ? 200 + rng.int(40) : 30 + rng.int(40);
      data[o + 1] = band ? 60 + rng.int(30) : 150 + rng.int(60);
      data[o + 2] = Math.min(255, (40 + (y * 255) / height) | 0);
    }
  }
  return { width, height, data };
}
