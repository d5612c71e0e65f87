import { deflateSync } from "node:zlib";
import { createRng, rgbImage } from "@colorize/core";
import { encodePng } from "../png-write.js";
import { fixture } from "../testing/fixtures.js";
import { buildPng, CHANNELS, type PngSpec } from "../testing/png-builder.js";

/** A valid file the fuzzer mutates. */
export interface FuzzSeed {
  readonly name: string;
  readonly format: "png" | "jpeg";
  readonly bytes: Uint8Array;
}

/** The JPEG fixtures: baseline, progressive (4:4:4 and 4:2:0), restart markers, gray, RGB, arithmetic. */
const JPEG_FIXTURES = [
  "base.jpg",
  "progressive.jpg",
  "progressive-420.jpg",
  "restart.jpg",
  "gray.jpg",
  "rgb.jpg",
  "arithmetic.jpg",
];

/** Every PNG colour type at a small and a large bit depth, interlaced or not, palettes with tRNS. */
const PNG_VARIANTS: readonly (Omit<PngSpec, "samples" | "width" | "height"> & { label: string })[] = [
  { label: "gray-1", bitDepth: 1, colorType: 0 },
  { label: "gray-16-adam7", bitDepth: 16, colorType: 0, interlace: true },
  { label: "rgb-16", bitDepth: 16, colorType: 2 },
  { label: "palette-4-trns", bitDepth: 4, colorType: 3, transparency: Uint8Array.of(0, 128, 255) },
  { label: "palette-8-adam7", bitDepth: 8, colorType: 3, interlace: true },
  { label: "gray-alpha-8", bitDepth: 8, colorType: 4 },
  { label: "rgba-16-adam7", bitDepth: 16, colorType: 6, interlace: true },
];

function pngVariant(variant: (typeof PNG_VARIANTS)[number], width: number, height: number): Uint8Array {
  const rng = createRng(width * 31 + height);
  const max = 2 ** variant.bitDepth;
  const entries = Math.min(16, max);
  const samples = Array.from({ length: width * height * CHANNELS[variant.colorType] }, (_, i) =>
    variant.colorType === 3 ? (i * 7 + rng.int(3)) % entries : rng.int(max),
  );
  const palette =
    variant.colorType === 3 ? Array.from({ length: entries * 3 }, (_, i) => (i * 53) % 256) : undefined;
  return buildPng({ ...variant, width, height, samples, palette });
}

/** An 8-bit RGB photograph-like gradient, as `colorize run` writes PNGs. */
function rgbPng(width: number, height: number): Uint8Array {
  const image = rgbImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      image.data.set([(x * 9) & 255, (y * 13) & 255, (x * y) & 255], (y * width + x) * 3);
  }
  return encodePng(image);
}

/** The seeds: a dozen small PNGs of every kind and the seven JPEG fixtures, each under 4 KB. */
export function fuzzCorpus(): FuzzSeed[] {
  const seeds: FuzzSeed[] = [{ name: "rgb-8.png", format: "png", bytes: rgbPng(33, 17) }];
  for (const v of PNG_VARIANTS)
    seeds.push({ name: `${v.label}.png`, format: "png", bytes: pngVariant(v, 19, 11) });
  for (const name of JPEG_FIXTURES) seeds.push({ name, format: "jpeg", bytes: fixture(name) });
  return seeds;
}

/**
 * zlib streams that inflate to far more than any seed's header allows (1 MiB and 64 MiB of zeros),
 * made once per run: deflating 64 MiB takes longer than a hundred ordinary cases.
 */
export function zlibBombs(): Uint8Array[] {
  return [
    deflateSync(new Uint8Array(1 << 20), { level: 9 }),
    deflateSync(new Uint8Array(64 << 20), { level: 9 }),
  ];
}
