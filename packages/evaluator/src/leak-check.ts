import { createRng, type RgbImage, splitColumn } from "@colorize/core";

/**
 * A copy of `image` whose right-half colours are scrambled while every pixel keeps exactly its
 * gray (21r + 72g + 7b is unchanged): each pixel moves by a seeded random step of the lattice
 * (a, 7m, -3a - 72m), which adds 21a + 504m - 21a - 504m = 0 to the gray. Agents see only gray
 * on the right, so an honest pipeline must predict byte for byte the same on both images.
 * Pixels with no step inside [0, 255] (pure black, pure white) stay as they are.
 */
export function scrambleRightHalf(image: RgbImage, seed: number): RgbImage {
  return scrambleColumns(image, seed, splitColumn(image.width));
}

/** {@link scrambleRightHalf} for the columns from `c` on (0: the whole image, as a pair's target is). */
export function scrambleColumns(image: RgbImage, seed: number, c: number): RgbImage {
  const rng = createRng(seed ^ 0x5eed);
  const data = image.data.slice();
  for (let y = 0; y < image.height; y++) {
    for (let x = c; x < image.width; x++) {
      const o = (y * image.width + x) * 3;
      const r = data[o];
      const g = data[o + 1];
      const b = data[o + 2];
      for (let attempt = 0; attempt < 24; attempt++) {
        const a = rng.int(121) - 60;
        const m = rng.int(3) - 1;
        const nr = r + a;
        const ng = g + 7 * m;
        const nb = b - 3 * a - 72 * m;
        if ((a !== 0 || m !== 0) && nr >= 0 && nr <= 255 && ng >= 0 && ng <= 255 && nb >= 0 && nb <= 255) {
          data[o] = nr;
          data[o + 1] = ng;
          data[o + 2] = nb;
          break;
        }
      }
    }
  }
  return { width: image.width, height: image.height, data };
}

/** Names of the agents whose two predictions differ in any byte (or one is missing). */
export function changedPredictions(
  a: ReadonlyMap<string, Uint8Array>,
  b: ReadonlyMap<string, Uint8Array>,
): string[] {
  const out: string[] = [];
  for (const [name, pa] of a) {
    const pb = b.get(name);
    if (!pb || pb.length !== pa.length || !Buffer.from(pa).equals(Buffer.from(pb))) out.push(name);
  }
  return out;
}

/**
 * Runs `predict` on the image and on {@link scrambleRightHalf} of it, and reports per agent whether
 * the predictions are byte-identical. `first` reuses predictions already made on the image.
 */
export async function leakCheck(
  image: RgbImage,
  seed: number,
  predict: (image: RgbImage) => Promise<ReadonlyMap<string, Uint8Array>>,
  first?: ReadonlyMap<string, Uint8Array>,
): Promise<{ agent: string; identical: boolean }[]> {
  const a = first ?? (await predict(image));
  const b = await predict(scrambleRightHalf(image, seed));
  const changed = new Set(changedPredictions(a, b));
  return [...a.keys()].map((agent) => ({ agent, identical: !changed.has(agent) }));
}
