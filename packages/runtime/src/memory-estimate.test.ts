import { describe, expect, it } from "vitest";
import {
  estimateEvalBytes,
  estimateRunBytes,
  largestRunPixels,
  type MemoryClass,
} from "./memory-estimate.js";

const KIB = 1024;
const KNN: MemoryClass = { kind: "agent", output: "label" };
const LABEL_MODEL: MemoryClass = { kind: "model", output: "label" };
const RGB_MODEL: MemoryClass = { kind: "model", output: "rgb" };

/**
 * Peak resident memory (KiB, `/usr/bin/time -f %M`) of `colorize run --agent X` on PNG crops of a
 * 12 MP photograph, measured 2026-12-01 on Node 20 (see MEMORY_MODEL): [agent, pixels, peak].
 */
const MEASURED: [MemoryClass, string, number, number][] = [
  [KNN, "knn", 40 * 20, 84_236],
  [KNN, "knn", 750 * 333, 142_324],
  [KNN, "knn", 1500 * 667, 349_480],
  [KNN, "knn", 3000 * 1333, 765_792],
  [KNN, "knn", 4032 * 1984, 1_267_360],
  [LABEL_MODEL, "logreg", 1500 * 667, 295_636],
  [LABEL_MODEL, "logreg", 3000 * 1333, 944_536],
  [LABEL_MODEL, "softmax-mlp", 1500 * 667, 320_460],
  [LABEL_MODEL, "softmax-mlp", 3000 * 1333, 1_053_860],
  [RGB_MODEL, "rgb-mlp", 1500 * 667, 649_408],
  [RGB_MODEL, "rgb-mlp", 3000 * 1333, 2_391_472],
];

describe("the memory estimate", () => {
  it("is above every measured peak of colorize run, by at most 2.3 times", () => {
    for (const [cls, name, pixels, peak] of MEASURED) {
      const estimate = estimateRunBytes(pixels, [cls]);
      expect(estimate, `${name} at ${pixels} px`).toBeGreaterThanOrEqual(peak * KIB);
      if (pixels >= 1e6) expect(estimate / (peak * KIB), `${name} at ${pixels} px`).toBeLessThan(2.3);
    }
  });

  it("is above the measured peaks of colorize eval (two 1 MP units, basic agent), inline and on two workers", () => {
    expect(estimateEvalBytes(1500 * 667, [KNN], 1, false)).toBeGreaterThanOrEqual(448_004 * KIB);
    expect(estimateEvalBytes(1500 * 667, [KNN], 2, false)).toBeGreaterThanOrEqual(515_544 * KIB);
  });

  it("is above the measured peak of colorize eval of the 24 Kodak photographs, every agent, 2 jobs (its report drawn on two threads)", () => {
    const every = [KNN, LABEL_MODEL, LABEL_MODEL, RGB_MODEL];
    expect(estimateEvalBytes(768 * 512, every, 2, false)).toBeGreaterThanOrEqual(1_592_368 * KIB);
  });

  it("charges the costliest agent of a run, plus the others' outputs, and inverts exactly", () => {
    const one = estimateRunBytes(1e6, [RGB_MODEL]);
    expect(estimateRunBytes(1e6, [KNN, RGB_MODEL, LABEL_MODEL])).toBe(one + 2 * 3 * 1e6);
    const limit = 600 * 1024 * KIB;
    const n = largestRunPixels(limit, [KNN]);
    expect(estimateRunBytes(n, [KNN])).toBeLessThanOrEqual(limit);
    expect(estimateRunBytes(n + 1, [KNN])).toBeGreaterThan(limit);
    expect(largestRunPixels(1, [KNN])).toBe(0);
  });
});
