import { createRng, MIN_HEIGHT, MIN_WIDTH } from "@colorize/core";
import { decodeImage } from "../decode.js";
import { ImageError } from "../errors.js";
import { DEFAULT_MAX_PIXELS } from "../limits.js";
import { type FuzzSeed, fuzzCorpus, zlibBombs } from "./corpus.js";
import { mutationsFor } from "./mutate.js";

/** One generated input: which seed file, which mutations in order, and the bytes. */
export interface FuzzCase {
  readonly index: number;
  readonly seed: string;
  readonly mutations: readonly string[];
  readonly bytes: Uint8Array;
}

/** How a case ended: decoded to an image of its header's size, or refused with one line. */
export type FuzzOutcome =
  | { readonly kind: "decoded"; readonly width: number; readonly height: number }
  | { readonly kind: "refused"; readonly code: string; readonly message: string }
  | { readonly kind: "failed"; readonly message: string };

/** The seeds and zlib bombs cases are made from, built once per run. */
export interface FuzzMaterial {
  readonly corpus: readonly FuzzSeed[];
  readonly bombs: readonly Uint8Array[];
}

export function fuzzMaterial(): FuzzMaterial {
  return { corpus: fuzzCorpus(), bombs: zlibBombs() };
}

/**
 * Case `index` of the run seeded `runSeed`: a seed file and one to three mutations, all drawn from a
 * PRNG seeded by the pair (`runSeed` below 2^21), so any case can be made again alone (`--case`).
 */
export function fuzzCase(runSeed: number, index: number, material: FuzzMaterial): FuzzCase {
  const rng = createRng(runSeed * 2 ** 32 + index);
  const seed = material.corpus[rng.int(material.corpus.length)]!;
  const choices = mutationsFor(seed.format);
  const roll = rng.next();
  const count = roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3;
  let bytes = seed.bytes;
  const mutations: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = choices[rng.int(choices.length)]!;
    // Every mutation may assume a non-empty file; an empty one has nothing left to damage.
    if (bytes.length > 0) bytes = m.apply(bytes, { rng, bombs: material.bombs });
    mutations.push(m.name);
  }
  return { index, seed: seed.name, mutations, bytes };
}

/** The name cases are decoded under; a refusal's message must start with it. */
export const CASE_NAME = "case";

/**
 * Decodes a case as `colorize run` would (its minimum size and pixel limit) and classifies the end:
 * an image whose size and data agree with its header, an {@link ImageError} with a one-line
 * message naming the input (what the CLI prints as `colorize: ...` with exit 2), or a failure.
 */
export function checkCase(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): FuzzOutcome {
  try {
    const image = decodeImage(bytes, {
      name: CASE_NAME,
      maxPixels,
      minWidth: MIN_WIDTH,
      minHeight: MIN_HEIGHT,
    });
    if (image.data.length !== image.width * image.height * 3) {
      return {
        kind: "failed",
        message: `decoded ${image.data.length} bytes for ${image.width}x${image.height}`,
      };
    }
    return { kind: "decoded", width: image.width, height: image.height };
  } catch (error) {
    if (error instanceof ImageError) {
      const oneLine = !error.message.includes("\n") && error.message.startsWith(`${CASE_NAME}`);
      return oneLine
        ? { kind: "refused", code: error.code, message: error.message }
        : {
            kind: "failed",
            message: `ImageError ${error.code} with a bad message: ${JSON.stringify(error.message)}`,
          };
    }
    const e = error as Error;
    return { kind: "failed", message: `${e?.name ?? "throw"}: ${e?.message ?? String(error)}` };
  }
}

/** Counts of one run; `failures` lists every case that crashed, hung or ended wrongly. */
export interface FuzzReport {
  readonly seed: number;
  readonly cases: number;
  readonly decoded: number;
  readonly refused: Record<string, number>;
  readonly byMutation: Record<string, { cases: number; decoded: number }>;
  readonly failures: { index: number; seed: string; mutations: readonly string[]; message: string }[];
  /** The slowest case and its time in milliseconds. */
  readonly slowest: { index: number; ms: number };
}

/** An empty report to add cases to. */
export function emptyReport(seed: number): FuzzReport {
  return {
    seed,
    cases: 0,
    decoded: 0,
    refused: {},
    byMutation: {},
    failures: [],
    slowest: { index: -1, ms: 0 },
  };
}

/** The report of one case that took `ms` milliseconds. */
export function caseReport(seed: number, c: FuzzCase, outcome: FuzzOutcome, ms: number): FuzzReport {
  const byMutation: FuzzReport["byMutation"] = {};
  for (const m of c.mutations) byMutation[m] = { cases: 1, decoded: outcome.kind === "decoded" ? 1 : 0 };
  return {
    seed,
    cases: 1,
    decoded: outcome.kind === "decoded" ? 1 : 0,
    refused: outcome.kind === "refused" ? { [outcome.code]: 1 } : {},
    byMutation,
    failures:
      outcome.kind === "failed"
        ? [{ index: c.index, seed: c.seed, mutations: c.mutations, message: outcome.message }]
        : [],
    slowest: { index: c.index, ms },
  };
}

/** Merges the counts of `part` into `into`, in place. */
export function mergeReport(into: FuzzReport, part: FuzzReport): void {
  const r = into as { cases: number; decoded: number; slowest: { index: number; ms: number } };
  r.cases += part.cases;
  r.decoded += part.decoded;
  for (const [k, n] of Object.entries(part.refused)) into.refused[k] = (into.refused[k] ?? 0) + n;
  for (const [k, s] of Object.entries(part.byMutation)) {
    const t = into.byMutation[k] ?? { cases: 0, decoded: 0 };
    into.byMutation[k] = { cases: t.cases + s.cases, decoded: t.decoded + s.decoded };
  }
  into.failures.push(...part.failures);
  if (part.slowest.ms > r.slowest.ms) r.slowest = { ...part.slowest };
}
