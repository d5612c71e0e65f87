import { fileURLToPath } from "node:url";
import { computeMetrics } from "@colorize/core";
import { loadPluginFrom, runAgentInline } from "@colorize/runtime";
import { syntheticImage } from "@colorize/runtime/testing";
import { describe, expect, it } from "vitest";
import { elbow, JUST_NOTICEABLE_DE, runKStudy, summariseKStudy } from "./k-study.js";
import type { KPoint } from "./schema.js";
import { validationTask } from "./validation-task.js";

const rtol = 1e-12;

describe("elbow", () => {
  it("finds the corner of an L-shaped curve", () => {
    // Scaled: x 0..1, y 1..0; the chord is y = 1 - x; the point (0.25, 0.1) lies farthest below it.
    expect(elbow([1, 2, 3, 4, 5], [100, 10, 8, 5, 0])).toBe(2);
    expect(elbow([2, 3], [5, 1])).toBe(2);
  });
});

describe("summariseKStudy", () => {
  const point = (k: number, de: number, acc = 0.5): KPoint => ({
    k,
    quantisationRmse: 20 / k,
    validation: { deltaE2000: de, labelAccuracy: acc, rmse: 1 },
  });
  it("recommends the smallest k within a just-noticeable difference of the lowest error", () => {
    const s = summariseKStudy([[point(2, 9), point(3, 6.9), point(4, 6.2), point(5, 6.0)]]);
    expect(s.bestK).toBe(5);
    expect(s.recommendedK).toBe(3);
    expect(6.9 - 6.0).toBeLessThanOrEqual(JUST_NOTICEABLE_DE);
    expect(s.reason).toMatch(
      /^k = 3: it is the smallest k whose mean validation ΔE2000 \(6\.90\) is within 1 ΔE2000/,
    );
  });
  it("widens the margin to one standard deviation over seeds when that is larger", () => {
    const s = summariseKStudy([
      [point(2, 9), point(3, 8), point(4, 4)],
      [point(2, 9), point(3, 8), point(4, 8)],
    ]);
    // Best mean 6 at k = 4 with sd 2.83: k = 3 (mean 8) is within it, k = 2 (9) is not.
    expect(s.points[2].deltaE2000.sd).toBeCloseTo(Math.sqrt(8), 12);
    expect(s.recommendedK).toBe(3);
    expect(s.reason).toContain("one standard deviation (2.83)");
  });
});

describe("runKStudy", () => {
  it("equals running the basic agent on the validation task once per k", async () => {
    const image = syntheticImage(44, 18, 3);
    const ks = [2, 4, 6];
    const knn = await loadPluginFrom(fileURLToPath(new URL("../../plugin-knn", import.meta.url)));
    const points = await runKStudy(image, ks, { seed: 5, plugin: knn.plugin });
    for (const [i, k] of ks.entries()) {
      const v = validationTask(image, { k, seed: 5 });
      const run = await runAgentInline(
        { entry: knn.entry, plugin: knn.plugin, config: {}, seed: 5 },
        v.train,
        v.test,
      );
      const m = computeMetrics(
        v.truth,
        run.prediction.rgb,
        v.test.width,
        v.test.height,
        v.palette,
        run.prediction.labels,
      );
      expect(points[i].k).toBe(k);
      expect(points[i].validation.labelAccuracy).toBe(m.labelAccuracy);
      expect(Math.abs(points[i].validation.deltaE2000 - m.deltaE2000)).toBeLessThanOrEqual(
        rtol * m.deltaE2000,
      );
    }
    // More colours never quantise the left half worse here.
    expect(points[0].quantisationRmse).toBeGreaterThan(points[2].quantisationRmse);
  });
});
