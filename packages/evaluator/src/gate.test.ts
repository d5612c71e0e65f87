import type { Metrics } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { compareWithBaseline, GATED_METRICS, parseTolerances } from "./gate.js";
import type { EvalResults } from "./schema.js";

type Scores = Record<keyof Metrics, number>;

const LEARNED: Scores = {
  labelAccuracy: 0.93,
  rmse: 12,
  psnr: 26.5,
  ssim: 0.9,
  deltaE2000: 3.2,
  aucAb: 0.91,
  colorfulness: 30,
};
const BASIC: Scores = { ...LEARNED, labelAccuracy: 0.92, deltaE2000: 6.4 };
const GRAY: Scores = { ...LEARNED, labelAccuracy: 0.3, deltaE2000: 22.2 };

const stats = (s: Scores) =>
  Object.fromEntries(Object.entries(s).map(([k, mean]) => [k, { mean, sd: 0, n: 2 }])) as Record<
    keyof Metrics,
    { mean: number; sd: number; n: number }
  >;

/** A results document for one image with the basic agent, one learned agent and the reference rows. */
function doc(
  learned: Partial<Scores> = {},
  basic: Partial<Scores> = {},
  gray: Partial<Scores> = {},
): EvalResults {
  return {
    plan: {
      agents: [
        { name: "knn", role: "basic" },
        { name: "rgb-mlp", role: null },
      ],
    },
    summary: {
      images: [
        {
          image: "imgs/coffee.png",
          agents: [
            { name: "knn", metrics: stats({ ...BASIC, ...basic }) },
            { name: "rgb-mlp", metrics: stats({ ...LEARNED, ...learned }) },
          ],
          baselines: {
            gray: stats({ ...GRAY, ...gray }),
            paletteCeiling: stats({ ...GRAY, labelAccuracy: 1 }),
          },
        },
      ],
    },
  } as unknown as EvalResults;
}

const failures = (current: EvalResults) => compareWithBaseline(current, doc()).failures;

describe("the CI gate", () => {
  it("passes the baseline itself, checking every gated metric of every row, a third of them exactly", () => {
    const g = compareWithBaseline(doc(), doc());
    expect(g.failures).toEqual([]);
    expect(g.checked).toBe(4 * GATED_METRICS.length);
    expect(g.exact).toBe(3 * GATED_METRICS.length);
  });

  it("holds label accuracy to half a percent of the pixels, not 2 % of the accuracy", () => {
    // 0.93 -> 0.915 is 21 % more wrong pixels, which a 2 % relative tolerance (0.0186) let through.
    expect(failures(doc({ labelAccuracy: 0.915 }))).toEqual([
      "coffee.png rgb-mlp accuracy 0.9300 -> 0.9150 (-0.0150), worse than the ±0.005 tolerance",
    ]);
    expect(failures(doc({ labelAccuracy: 0.926 }))).toEqual([]);
  });

  it("holds the AuC of the ab error to 0.003 (about 0.45 ab units of mean error), not 2.7 ab units", () => {
    expect(failures(doc({ aucAb: 0.9 }))).toEqual([
      "coffee.png rgb-mlp AuC ab 0.9100 -> 0.9000 (-0.0100), worse than the ±0.003 tolerance",
    ]);
    expect(failures(doc({ aucAb: 0.908 }))).toEqual([]);
  });

  it("keeps 2 % for the error metrics, and PSNR and SSIM get absolute tolerances", () => {
    expect(failures(doc({ deltaE2000: 3.2 * 1.019, rmse: 12 * 1.019, psnr: 26.31, ssim: 0.896 }))).toEqual(
      [],
    );
    expect(failures(doc({ deltaE2000: 3.2 * 1.021, psnr: 26.2, ssim: 0.89 }))).toEqual([
      "coffee.png rgb-mlp PSNR 26.5000 -> 26.2000 (-0.3000), worse than the ±0.2 tolerance",
      "coffee.png rgb-mlp SSIM 0.9000 -> 0.8900 (-0.0100), worse than the ±0.005 tolerance",
      "coffee.png rgb-mlp ΔE00 3.2000 -> 3.2672 (2.1 %), worse than the 2 % tolerance",
    ]);
    expect(failures(doc({ deltaE2000: 3.0, labelAccuracy: 0.99 }))).toEqual([]);
  });

  it("holds the basic agent and the reference rows to the baseline exactly, better or worse", () => {
    expect(failures(doc({}, { deltaE2000: 6.4 + 1e-9 }))).toEqual([
      "coffee.png knn ΔE00 6.4000 -> 6.4000, changed: it must reproduce the baseline exactly",
    ]);
    expect(failures(doc({}, { labelAccuracy: 0.95 }))).toHaveLength(1);
    expect(failures(doc({}, {}, { ssim: 0.9 + 1e-6 }))).toEqual([
      "coffee.png gray SSIM 0.9000 -> 0.9000, changed: it must reproduce the baseline exactly",
    ]);
    expect(
      compareWithBaseline(doc({}, { labelAccuracy: 0.95 }), doc(), { exact: () => false }).failures,
    ).toEqual([]);
  });

  it("reads --tolerance as METRIC=VALUE in the metric's own kind, or a fraction for every relative metric", () => {
    expect(parseTolerances(["deltaE2000=0.05", "labelAccuracy=0.01"])).toEqual({
      deltaE2000: { kind: "relative", value: 0.05 },
      labelAccuracy: { kind: "absolute", value: 0.01 },
    });
    expect(parseTolerances(["0.03"])).toEqual({
      rmse: { kind: "relative", value: 0.03 },
      deltaE2000: { kind: "relative", value: 0.03 },
    });
    expect(() => parseTolerances(["colorfulness=1"])).toThrow("not a gated metric");
    expect(() => parseTolerances(["2"])).toThrow("a fraction below 1");
    expect(() => parseTolerances(["ssim=-1"])).toThrow("--tolerance takes METRIC=VALUE");
  });

  it("GATED_METRICS is every metric measured against the truth, in table order: colourfulness is reported, not gated", () => {
    expect(GATED_METRICS).toEqual(["labelAccuracy", "rmse", "psnr", "ssim", "deltaE2000", "aucAb"]);
  });
});
