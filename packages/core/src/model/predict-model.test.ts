import { describe, expect, it } from "vitest";
import type { ProgressEvent } from "../agent.js";
import { prepareTask } from "../prepare.js";
import { createRng } from "../prng.js";
import { GuidedRowFilter } from "../refine/guided.js";
import { syntheticImage } from "../testing/synthetic.js";
import { type Blend, EnsembleAccumulator, type Member, noveltyScale } from "./ensemble.js";
import { computeFeatures, fitFeatures } from "./features.js";
import { labelObjective } from "./label-objective.js";
import { mlpNetwork } from "./network.js";
import { predictEnsemble } from "./predict-model.js";
import { smoothField } from "./smoothing.js";
import { mirrorBand } from "./training-rows.js";

const task = prepareTask(syntheticImage(30, 14, 4), { k: 4, seed: 0 });
const objective = labelObjective(task.palette, { decoding: "annealed-mean", temperature: 0.38 });
const { test } = task;
const rng = createRng(5);

/** Members with random parameters; the first `shared` share one feature transform, the rest see the row. */
function members(count: number, shared: number): Member[] {
  const plain = fitFeatures(
    { patchSize: 3, pca: 0, localStd: true, context: [2, 5] },
    task.train.gray,
    15,
    14,
  );
  const row = fitFeatures({ ...plain.options, row: true }, task.train.gray, 15, 14);
  return Array.from({ length: count }, (_, m) => {
    const features = m < shared ? plain : row;
    const net = mlpNetwork({ hidden: [6], activation: "tanh", l2: 0 })(features.dim, objective);
    net.init(rng);
    return { features, net };
  });
}

/** A network's outputs on every pixel of the test band; under `flip`, averaged with its outputs on the mirror image, described from scratch. */
function outputs({ features, net }: Member, flip: boolean): Float64Array {
  const { width, height, gray } = test;
  const n = width * height;
  const out = net.outputSize;
  const z = new Float64Array(n * out);
  net.forward(computeFeatures(features, gray, width, height), n, z);
  if (!flip) return z;
  const m = new Float64Array(n * out);
  net.forward(computeFeatures(features, mirrorBand(gray, width, height), width, height), n, m);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < out; c++) {
        const i = (y * width + x) * out + c;
        z[i] = 0.5 * (z[i] + m[(y * width + (width - 1 - x)) * out + c]);
      }
  return z;
}

/**
 * The obvious way: every pixel's features at once, each network's outputs blurred, then combined,
 * scaled by the novelty rule (the members' raw variance over every pixel against `stripSpread`),
 * guided-filtered over the whole band at once, and decoded.
 */
function reference(ms: readonly Member[], blend: Blend, stripSpread = 0): Uint8Array {
  const n = test.width * test.height;
  const out = ms[0].net.outputSize;
  const acc = new EnsembleAccumulator(n, out);
  const raw = new EnsembleAccumulator(n, out);
  for (const m of ms) {
    const z = outputs(m, blend.flip === true);
    raw.add(z);
    acc.add((blend.smoothing ?? 0) > 0 ? smoothField(z, out, test.width, test.height, blend.smoothing!) : z);
  }
  const combined = acc.combine(blend.shrink ?? 0, new Float64Array(n * out));
  const r = blend.noveltyRadius ?? 0;
  let scaled: Float64Array;
  if (r > 0 && (blend.novelty ?? 0) > 0) {
    // The local rule: each pixel's ratio from the members' variance averaged over its window,
    // summed pixel by pixel over the window clipped to the band.
    const { width, height } = test;
    const v = raw.spreads();
    scaled = new Float64Array(combined.length);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        let sum = 0;
        let count = 0;
        for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++)
          for (let xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++, count++)
            sum += v[yy * width + xx];
        const f = noveltyScale(
          sum / count,
          stripSpread,
          blend.novelty ?? 0,
          blend.noveltyFloor,
          blend.noveltyPower,
        );
        for (let c = 0; c < out; c++)
          scaled[(y * width + x) * out + c] = combined[(y * width + x) * out + c] * f;
      }
  } else {
    const scale = noveltyScale(
      raw.spread() / n,
      stripSpread,
      blend.novelty ?? 0,
      blend.noveltyFloor,
      blend.noveltyPower,
    );
    scaled = combined.map((v) => v * scale);
  }
  const refined =
    (blend.guided?.radius ?? 0) > 0
      ? new GuidedRowFilter(test.gray, scaled, out, test.width, test.height, blend.guided!).next(test.height)
      : scaled;
  const rgb = new Uint8Array(n * 3);
  objective.decode(refined, n, test.gray, rgb);
  return rgb;
}

/** The members' raw mean disagreement over the test band. */
function testSpread(ms: readonly Member[]): number {
  const n = test.width * test.height;
  const raw = new EnsembleAccumulator(n, ms[0].net.outputSize);
  for (const { features, net } of ms) {
    const z = new Float64Array(n * net.outputSize);
    net.forward(computeFeatures(features, test.gray, test.width, test.height), n, z);
    raw.add(z);
  }
  return raw.spread() / n;
}

/** The colours predictEnsemble gives, with a fresh context. */
async function predicted(ms: readonly Member[], blend: Blend, bandPixels: number, stripSpread: number) {
  const p = await predictEnsemble(
    ms,
    objective,
    blend,
    test,
    { seed: 0, rng: createRng(0) },
    bandPixels,
    stripSpread,
  );
  return Array.from(p.rgb);
}

describe("prediction in bands of rows", () => {
  const cases: [string, Member[], Blend][] = [
    ["one network", members(1, 1), {}],
    ["one smoothed network", members(1, 1), { smoothing: 1.5 }],
    ["an ensemble sharing features, smoothed and shrunk", members(3, 2), { smoothing: 1, shrink: 1 }],
    ["an ensemble, not smoothed", members(2, 1), { shrink: 2 }],
    ["one network and its mirror image", members(1, 1), { flip: true }],
    [
      "an ensemble and its mirror image, smoothed and shrunk",
      members(3, 2),
      { smoothing: 1, shrink: 1, flip: true },
    ],
    ["one network, guided", members(1, 1), { guided: { radius: 3, epsilon: 100 } }],
    [
      "an ensemble, smoothed, shrunk and guided",
      members(3, 2),
      { smoothing: 1, shrink: 1, guided: { radius: 2, epsilon: 4 } },
    ],
  ];
  for (const [what, ms, blend] of cases) {
    it(`gives the same bytes whatever the band size, and what the whole band at once gives (${what})`, async () => {
      const want = Array.from(reference(ms, blend));
      for (const bandPixels of [1, test.width, 4 * test.width + 3, 10_000]) {
        const events: ProgressEvent[] = [];
        const ctx = { seed: 0, rng: createRng(0), onProgress: (e: ProgressEvent) => events.push(e) };
        const p = await predictEnsemble(ms, objective, blend, test, ctx, bandPixels);
        expect(Array.from(p.rgb), `${bandPixels} pixels per band`).toEqual(want);
        expect(p.labels).toHaveLength(test.width * test.height);
        const fractions = events.map((e) => (e.type === "stage" ? e.fraction : Number.NaN));
        expect(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
        expect(fractions[fractions.length - 1]).toBe(1);
      }
    });
  }

  it("under the novelty rule: the reference's bytes whatever the band size; scaled only past the threshold", async () => {
    const ms = members(3, 2);
    const blend = { smoothing: 1, shrink: 1, novelty: 4 };
    const spread = testSpread(ms);
    const plain = Array.from(reference(ms, { smoothing: 1, shrink: 1 }));
    // The strip's disagreement a sixteenth of the band's: r = 16, scale sqrt(4 / 16) = 1/2.
    const fired = Array.from(reference(ms, blend, spread / 16));
    expect(fired).not.toEqual(plain);
    for (const [stripSpread, want] of [
      [spread / 16, fired],
      [spread / 2, plain],
      [0, plain],
    ] as const) {
      for (const bandPixels of [1, test.width, 4 * test.width + 3, 10_000]) {
        const ctx = { seed: 0, rng: createRng(0) };
        const p = await predictEnsemble(ms, objective, blend, test, ctx, bandPixels, stripSpread);
        expect(Array.from(p.rgb), `strip ${stripSpread}, ${bandPixels} pixels per band`).toEqual(want);
      }
    }
  });

  it("under the local novelty rule: each pixel's window decides, the reference's bytes whatever the band size", async () => {
    const ms = members(3, 2);
    const spread = testSpread(ms);
    const global = Array.from(reference(ms, { smoothing: 1, shrink: 1, novelty: 4 }, spread / 16));
    for (const radius of [1, 3]) {
      const blend = { smoothing: 1, shrink: 1, novelty: 4, noveltyRadius: radius };
      const want = Array.from(reference(ms, blend, spread / 16));
      // A window smaller than the band scales pixels by their own region's disagreement.
      expect(want, `radius ${radius}`).not.toEqual(global);
      for (const bandPixels of [1, test.width, 4 * test.width + 3, 10_000]) {
        const got = await predicted(ms, blend, bandPixels, spread / 16);
        expect(got, `radius ${radius}, ${bandPixels} pixels per band`).toEqual(want);
      }
    }
    // A window wider than the band holds every pixel: the global rule.
    const wide = { smoothing: 1, shrink: 1, novelty: 4, noveltyRadius: 64 };
    expect(await predicted(ms, wide, 10_000, spread / 16)).toEqual(global);
  });

  it("under a novelty floor: a strip that agrees more closely than the floor is judged at the floor", async () => {
    const ms = members(3, 2);
    const spread = testSpread(ms);
    const scaled = Array.from(reference(ms, { smoothing: 1, shrink: 1, novelty: 4 }, spread / 16));
    const plain = Array.from(reference(ms, { smoothing: 1, shrink: 1 }));
    expect(scaled).not.toEqual(plain);
    // A floor of a quarter of the band's spread: r = 4, the rule does not fire.
    const floored = { smoothing: 1, shrink: 1, novelty: 4, noveltyFloor: spread / 4 };
    expect(await predicted(ms, floored, 10_000, spread / 16)).toEqual(plain);
    // A floor below the strip's spread changes nothing.
    const low = { smoothing: 1, shrink: 1, novelty: 4, noveltyFloor: spread / 32 };
    expect(await predicted(ms, low, 4 * test.width + 3, spread / 16)).toEqual(scaled);
  });

  it("under a novelty power: the band's outputs scaled by (t / r)^p, globally and locally", async () => {
    const ms = members(3, 2);
    const spread = testSpread(ms);
    for (const noveltyRadius of [0, 2]) {
      const square = { smoothing: 1, shrink: 1, novelty: 4, noveltyRadius };
      const sqrt = Array.from(reference(ms, square, spread / 16));
      // p 0.5 is the default; p 0 turns the scaling off; p 2 takes more colour away.
      expect(await predicted(ms, { ...square, noveltyPower: 0.5 }, 10_000, spread / 16)).toEqual(sqrt);
      const none = Array.from(reference(ms, { smoothing: 1, shrink: 1 }));
      expect(await predicted(ms, { ...square, noveltyPower: 0 }, 10_000, spread / 16)).toEqual(none);
      const strong = { ...square, noveltyPower: 2 };
      const want = Array.from(reference(ms, strong, spread / 16));
      expect(want).not.toEqual(sqrt);
      for (const bandPixels of [1, 4 * test.width + 3, 10_000]) {
        expect(await predicted(ms, strong, bandPixels, spread / 16), `${bandPixels} pixels per band`).toEqual(
          want,
        );
      }
    }
  });

  it("the guided filter changes the colours, and under the novelty rule filters the scaled outputs", async () => {
    const ms = members(3, 2);
    const guided = { radius: 2, epsilon: 4 };
    const plain = Array.from(reference(ms, { smoothing: 1, shrink: 1 }));
    const filtered = Array.from(reference(ms, { smoothing: 1, shrink: 1, guided }));
    expect(filtered).not.toEqual(plain);
    const spread = testSpread(ms);
    const blend = { smoothing: 1, shrink: 1, novelty: 4, guided };
    const want = Array.from(reference(ms, blend, spread / 16));
    expect(want).not.toEqual(filtered);
    for (const bandPixels of [1, 4 * test.width + 3, 10_000]) {
      expect(await predicted(ms, blend, bandPixels, spread / 16), `${bandPixels} pixels per band`).toEqual(
        want,
      );
    }
  });

  it("stops at an aborted signal", async () => {
    const ctx = { seed: 0, rng: createRng(0), signal: { aborted: true } };
    await expect(predictEnsemble(members(2, 2), objective, {}, test, ctx)).rejects.toThrow(/cancelled/);
  });
});
