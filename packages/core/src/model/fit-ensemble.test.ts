import { describe, expect, it } from "vitest";
import { defaultsOf } from "../params.js";
import { prepareTask } from "../prepare.js";
import { createRng } from "../prng.js";
import { smallModelParams } from "../testing/label-model-plugin.js";
import { syntheticImage } from "../testing/synthetic.js";
import { EnsembleAccumulator } from "./ensemble.js";
import { PixelFeatures } from "./features.js";
import { fitEnsemble } from "./fit-ensemble.js";
import { labelObjective } from "./label-objective.js";
import { modelSpec } from "./model-params.js";
import { mlpNetwork } from "./network.js";
import { mirrorBand, mirroredRows } from "./training-rows.js";
import { ValidationStrip } from "./validation.js";

describe("fitting an ensemble under test-time mirroring", () => {
  const task = prepareTask(syntheticImage(30, 14, 4), { k: 4, seed: 0 });
  const objective = labelObjective(task.palette, {});
  const base = modelSpec(defaultsOf(smallModelParams({ epochs: 3, localStd: true })));
  const spec = {
    ...base,
    features: { ...base.features, gradient: [2] },
    network: mlpNetwork(base.network),
    members: 2,
    row: "half" as const,
    novelty: 4,
  };

  it("measures the strip's disagreement on each network's mean over the strip and its mirror image", async () => {
    const fitted = await fitEnsemble({ ...spec, flip: true }, objective, task.train, {
      seed: 0,
      rng: createRng(0),
    });
    const { width, height, gray } = task.train;
    const strip = new ValidationStrip(task.train, objective);
    // The obvious way: the mirror image described from scratch, at each strip pixel's mirrored place.
    const raw = new EnsembleAccumulator(strip.n, fitted.members[0].net.outputSize);
    for (const { features, net } of fitted.members) {
      const out = net.outputSize;
      const x = new PixelFeatures(features, gray, width, height).gather(strip.rows);
      const xm = new PixelFeatures(features, mirrorBand(gray, width, height), width, height).gather(
        mirroredRows(strip.rows, width),
      );
      const z = new Float64Array(strip.n * out);
      const zm = new Float64Array(strip.n * out);
      net.forward(x, strip.n, z);
      net.forward(xm, strip.n, zm);
      raw.add(z.map((v, i) => 0.5 * (v + zm[i])));
    }
    expect(fitted.stripSpread).toBeGreaterThan(0);
    expect(fitted.stripSpread).toBeCloseTo(raw.spread() / strip.n, 10);
  });

  it("refuses principal components of the patch, which have no mirror map", async () => {
    const pca = { ...spec, flip: true, features: { ...spec.features, pca: 4 } };
    await expect(fitEnsemble(pca, objective, task.train, { seed: 0, rng: createRng(0) })).rejects.toThrow(
      /pca 0/,
    );
  });
});
