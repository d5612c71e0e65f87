import { createRng, extractPatches } from "@colorize/core";

/** A gray x 100 image (integers in [0, 25500]) for tests. */
export interface GrayCase {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly gray100: Int32Array;
}

function make(name: string, width: number, height: number, f: (x: number, y: number) => number): GrayCase {
  const gray100 = new Int32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) gray100[y * width + x] = f(x, y);
  return { name, width, height, gray100 };
}

/** The degenerate images the exactness suite must pass, plus smooth and noisy ones, at one size. */
export function degenerateCases(width: number, height: number, seed: number): GrayCase[] {
  const rng = createRng(seed);
  const noise = () => rng.int(25501);
  return [
    make("flat", width, height, () => 12_345),
    make("two colours", width, height, (x, y) => ((x * 7 + y * 3) % 5 < 2 ? 0 : 25_500)),
    make("stripes", width, height, (x) => (x % 4) * 8_500),
    make("noise", width, height, noise),
    make("coarse noise", width, height, () => rng.int(4) * 100),
    make("black border", width, height, (x, y) => {
      const b = Math.max(2, Math.floor(Math.min(width, height) / 4));
      return x < b || y < b || x >= width - b || y >= height - b ? 0 : noise();
    }),
    make(
      "smooth",
      width,
      height,
      (x, y) => Math.round(12_000 + 9_000 * Math.sin(x / 5) * Math.cos(y / 7)) + rng.int(50),
    ),
  ];
}

/** Training (left half) and test (right half) patches of a case, as the basic agent cuts them. */
export function halves(c: GrayCase, size = 3): { train: Int32Array; test: Int32Array; dim: number } {
  const column = Math.floor(c.width / 2);
  const left = new Int32Array(column * c.height);
  const right = new Int32Array((c.width - column) * c.height);
  for (let y = 0; y < c.height; y++) {
    left.set(c.gray100.subarray(y * c.width, y * c.width + column), y * column);
    right.set(c.gray100.subarray(y * c.width + column, (y + 1) * c.width), y * (c.width - column));
  }
  return {
    train: extractPatches(left, column, c.height, 0, column, size),
    test: extractPatches(right, c.width - column, c.height, 0, c.width - column, size),
    dim: size * size,
  };
}
