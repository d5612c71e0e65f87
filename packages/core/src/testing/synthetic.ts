import type { RgbImage } from "../image.js";
import { createRng } from "../prng.js";

/** Colours of the synthetic scenes: red and blue have nearly the same gray (73.6 and 74.9). */
const COLOURS = [
  [200, 40, 40],
  [40, 160, 60],
  [50, 70, 200],
  [230, 230, 230],
  [20, 20, 20],
] as const;

/**
 * A small seeded test scene (default 24 x 12): 4x4 blocks of five colours laid out diagonally
 * (so both halves hold every colour), each pixel jittered by up to +-6 per channel. Colour is
 * mostly predictable from gray, except red versus blue, which only texture and neighbours tell.
 */
export function syntheticImage(width = 24, height = 12, seed = 0): RgbImage {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = COLOURS[((x >> 2) + 2 * (y >> 2)) % COLOURS.length];
      for (let ch = 0; ch < 3; ch++) {
        const v = c[ch] + rng.int(13) - 6;
        data[(y * width + x) * 3 + ch] = v < 0 ? 0 : Math.min(v, 255);
      }
    }
  }
  return { width, height, data };
}

/**
 * Steps between colours of equal gray: 21 dr + 72 dg + 7 db = 0 for each, so adding any integer
 * combination keeps 21 r + 72 g + 7 b exactly.
 */
const EQUAL_GRAY_STEPS = [
  [1, 0, -3],
  [24, -7, 0],
  [0, 7, -72],
] as const;

/**
 * A copy of `image` whose columns [fromColumn, toColumn) (default: to the last) get other
 * colours of exactly the same gray (21 r + 72 g + 7 b unchanged): each pixel moves by a random
 * combination of EQUAL_GRAY_STEPS that stays inside [0, 255]^3 (a pixel with no such move, like
 * pure black, is kept). Over the right half, everything an agent may see is identical in the two
 * images and only right-half truth differs; over the validation strip, only the strip's colours.
 */
export function scrambleEqualGray(
  image: RgbImage,
  fromColumn: number,
  seed = 1,
  toColumn = image.width,
): RgbImage {
  const rng = createRng(seed);
  const data = Uint8Array.from(image.data);
  for (let y = 0; y < image.height; y++) {
    for (let x = fromColumn; x < toColumn; x++) {
      const o = (y * image.width + x) * 3;
      for (let attempt = 0; attempt < 64; attempt++) {
        const a = rng.int(61) - 30;
        const b = rng.int(11) - 5;
        const c = rng.int(5) - 2;
        const r =
          data[o] + a * EQUAL_GRAY_STEPS[0][0] + b * EQUAL_GRAY_STEPS[1][0] + c * EQUAL_GRAY_STEPS[2][0];
        const g =
          data[o + 1] + a * EQUAL_GRAY_STEPS[0][1] + b * EQUAL_GRAY_STEPS[1][1] + c * EQUAL_GRAY_STEPS[2][1];
        const bl =
          data[o + 2] + a * EQUAL_GRAY_STEPS[0][2] + b * EQUAL_GRAY_STEPS[1][2] + c * EQUAL_GRAY_STEPS[2][2];
        if ((a | b | c) !== 0 && r >= 0 && r <= 255 && g >= 0 && g <= 255 && bl >= 0 && bl <= 255) {
          data[o] = r;
          data[o + 1] = g;
          data[o + 2] = bl;
          break;
        }
      }
    }
  }
  return { width: image.width, height: image.height, data };
}
