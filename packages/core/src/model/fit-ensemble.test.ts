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

describe("training on the validation strip afterwards (stripEpochs)", () => {
  // Two grays, each in two colours of (nearly) equal gray: the training columns show only A and
  // B, the strip (the last 10 columns of the 20-column left half) only C and D at the same grays.
  const A = [200, 50, 50];
  const C = [20, 100, 75]; // gray 81.45 against A's 81.5
  const B = [40, 200, 100];
  const D = [180, 160, 216]; // gray 168.1 against B's 166.4
  const width = 40;
  const height = 16;
  const data = new Uint8Array(width * height * 3);
  const rng = createRng(7);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const light = rng.int(2) === 1;
      const inStrip = x >= 10 && x < 20;
      const colour = light ? (inStrip ? D : B) : inStrip ? C : A;
      data.set(colour, (y * width + x) * 3);
    }
  const task = prepareTask({ width, height, data }, { k: 4, seed: 0, validationColumns: 10 });
  const objective = labelObjective(task.palette, {});
  const base = modelSpec(defaultsOf(smallModelParams({ epochs: 30, context: [] })));
  const spec = { ...base, network: mlpNetwork(base.network), members: 2, novelty: 4 };
  const nearest = (c: number[]) => {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let i = 0; i < task.palette.size; i++) {
      let d = 0;
      for (let ch = 0; ch < 3; ch++) d += (task.palette.colors[3 * i + ch] - c[ch]) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    }
    return best;
  };
  /** Mean probability the members give the strip's own colour (C or D) over the strip's pixels. */
  const stripColourProbability = (fitted: Awaited<ReturnType<typeof fitEnsemble>>) => {
    const strip = new ValidationStrip(task.train, objective);
    const labelC = nearest(C);
    const labelD = nearest(D);
    let sum = 0;
    for (const { features, net } of fitted.members) {
      const x = new PixelFeatures(features, task.train.gray, task.train.width, height).gather(strip.rows);
      const k = net.outputSize;
      const z = new Float64Array(strip.n * k);
      net.forward(x, strip.n, z);
      for (let i = 0; i < strip.n; i++) {
        const row = z.subarray(i * k, (i + 1) * k);
        const max = Math.max(...row);
        const e = Array.from(row, (v) => Math.exp(v - max));
        const total = e.reduce((s, v) => s + v, 0);
        const own = task.train.gray[strip.rows[i]] < 120 ? labelC : labelD;
        sum += e[own] / total;
      }
    }
    return sum / (fitted.members.length * strip.n);
  };

  it("learns the strip's colours, with the strip's yardstick taken before", async () => {
    expect(new Set([nearest(A), nearest(B), nearest(C), nearest(D)]).size).toBe(4);
    const before = await fitEnsemble(spec, objective, task.train, { seed: 0, rng: createRng(0) });
    const after = await fitEnsemble({ ...spec, stripEpochs: 30 }, objective, task.train, {
      seed: 0,
      rng: createRng(0),
    });
    // Never shown C or D, the networks give them at most what an untrained network gives any
    // colour (the strip, always wrong, keeps the first epoch); trained on the strip as well (half
    // the rows), they give them about half the probability there.
    expect(stripColourProbability(before)).toBeLessThan(0.3);
    expect(stripColourProbability(after)).toBeGreaterThan(0.4);
    // Everything chosen on the strip is chosen before it is trained on.
    expect(after.stripSpread).toBe(before.stripSpread);
    expect(after.report.history).toEqual(before.report.history);
    // The report says so, for whoever shows scores on the strip afterwards.
    expect(after.report.facts?.stripEpochs).toBe(30);
    expect(before.report.facts?.stripEpochs).toBeUndefined();
  });

  it("changes nothing when off", async () => {
    const off = await fitEnsemble({ ...spec, stripEpochs: 0 }, objective, task.train, {
      seed: 0,
      rng: createRng(0),
    });
    const plain = await fitEnsemble(spec, objective, task.train, { seed: 0, rng: createRng(0) });
    expect(off.members.map((m) => Array.from(m.net.params))).toEqual(
      plain.members.map((m) => Array.from(m.net.params)),
    );
  });
});
