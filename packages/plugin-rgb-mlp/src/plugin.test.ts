import {
  BatchBuffer,
  createNetwork,
  createRng,
  E1,
  E2,
  grayOf,
  lazyPerceptualTargets,
  modelSpec,
  parseConfig,
  perceptualTargetSize,
  perceptualTargets,
  prepareTask,
  rgbObjective,
  toGray,
} from "@colorize/core";
import {
  checkGradients,
  checkStripBlind,
  describePlugin,
  fitBatch,
  layerBlocks,
  runPipeline,
  syntheticImage,
  xorProblem,
} from "@colorize/core/testing";
import { describe, expect, it } from "vitest";
import plugin, { params } from "./index.js";

/** The bound on the central-difference relative error of every parameter block. */
const gradTol = 1e-6;
const atol = 1e-12;

describePlugin(plugin, { config: { epochs: 20 } });
describePlugin(plugin, { config: { epochs: 5, luminance: "free", loss: "l2" } });

describe("the validation strip", () => {
  it("changing only its colours (same gray) changes no epoch's training loss (2 members, mirrored rows, gradient windows)", async () => {
    const { a } = await checkStripBlind(plugin, { config: { epochs: 3, patience: 3, schedule: "constant" } });
    expect(a).toHaveLength(3 * 2);
  });
  it("nor with free luminance and an L2 loss", async () => {
    const config = {
      epochs: 3,
      patience: 3,
      schedule: "constant",
      luminance: "free",
      loss: "l2",
      members: 1,
    };
    const { a } = await checkStripBlind(plugin, { config });
    expect(a).toHaveLength(3);
  });
});

describe("chroma basis", () => {
  it("is orthonormal and leaves gray unchanged", () => {
    const dot = (a: readonly number[], b: readonly number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    expect(Math.abs(dot(E1, E1) - 1)).toBeLessThan(atol);
    expect(Math.abs(dot(E2, E2) - 1)).toBeLessThan(atol);
    expect(Math.abs(dot(E1, E2))).toBeLessThan(atol);
    expect(Math.abs(grayOf(E1[0], E1[1], E1[2]))).toBeLessThan(atol);
    expect(Math.abs(grayOf(E2[0], E2[1], E2[2]))).toBeLessThan(atol);
  });
});

describe("RGB-regression MLP model", () => {
  const task = prepareTask(syntheticImage(24, 12, 1), { k: 5, seed: 0 });
  const rows = Int32Array.from({ length: 10 }, (_, i) => 11 * i);

  for (const luminance of ["exact", "free"] as const) {
    for (const loss of luminance === "exact"
      ? (["l1", "l2", "perceptual", "ciede2000"] as const)
      : (["l1", "l2"] as const)) {
      it(`passes the float64 gradient check (${luminance} luminance, ${loss})`, () => {
        const config = parseConfig(params, { hidden: [6, 5], activation: "tanh", l2: 0.01 });
        const objective = rgbObjective({ luminance, loss, chromaScale: 1 });
        const net = createNetwork(modelSpec(config), 4, objective);
        net.init(createRng(2));
        const rng = createRng(3);
        const x = Float64Array.from({ length: rows.length * 4 }, () => rng.normal());
        const batch = { x, n: rows.length, ...objective.targets(task.train, rows) };
        // Two hidden layers and the output layer: a weight and a bias block each.
        const checks = checkGradients(net, batch, { blocks: layerBlocks(3), rtol: gradTol });
        expect(checks).toHaveLength(6);
      });
    }
  }

  it("decodes the targets of the true colours back to those colours", () => {
    const objective = rgbObjective({ luminance: "exact", loss: "l1", chromaScale: 1 });
    const all = Int32Array.from({ length: task.train.width * task.train.height }, (_, i) => i);
    const t = objective.targets(task.train, all);
    const rgb = new Uint8Array(all.length * 3);
    objective.decode(t.targets!, all.length, task.train.gray, rgb);
    expect(Array.from(rgb)).toEqual(Array.from(task.train.rgb));
  });

  it("learns XOR: chroma one way where the inputs' signs differ, the other way where they agree", () => {
    const config = parseConfig(params, { hidden: [8], activation: "tanh", l2: 0 });
    const objective = rgbObjective({ luminance: "exact", loss: "l2", chromaScale: 1 });
    const net = createNetwork(modelSpec(config), 2, objective);
    net.init(createRng(0));
    const { batch } = xorProblem();
    const targets = new Float64Array(8);
    for (let i = 0; i < 4; i++) targets[2 * i] = batch.labels[i] ? 1 : -1;
    const loss = fitBatch(net, { x: batch.x, n: 4, targets }, 400, 0.05);
    expect(loss).toBeLessThan(1e-3);
  });

  it("chooses its chroma scale on the strip: 1 unless a scale towards gray scores strictly better", () => {
    const all = Int32Array.from({ length: task.train.width * task.train.height }, (_, i) => i);
    const n = all.length;
    const truth = task.train.rgb;
    const err = (rgb: Uint8Array) => {
      let e = 0;
      for (let i = 0; i < rgb.length; i++) e += Math.abs(rgb[i] - truth[i]);
      return e;
    };
    const chosen = (z: Float64Array, score: (rgb: Uint8Array) => number) => {
      const objective = rgbObjective({ luminance: "exact", loss: "l1", chromaScale: 0 });
      objective.calibrate!(z, n, task.train.gray, score);
      return (objective.state!() as { chromaScale: number }).chromaScale;
    };
    const t = rgbObjective({ luminance: "exact", loss: "l1", chromaScale: 1 }).targets(task.train, all)
      .targets!;
    // Every scale decodes a zero chroma to the same gray, none strictly better: 1 stays.
    expect(chosen(new Float64Array(2 * n), err)).toBe(1);
    // Twice the true chroma is undone by half of it.
    expect(
      chosen(
        t.map((v) => 2 * v),
        err,
      ),
    ).toBe(0.5);
    // A chroma of the wrong sign is best not painted at all.
    expect(
      chosen(
        t.map((v) => -v),
        err,
      ),
    ).toBe(0);
  });

  it("keeps every predicted pixel's gray within half a step", async () => {
    const { task: t, prediction } = await runPipeline(plugin, syntheticImage(24, 12, 2), {
      config: { epochs: 5 },
    });
    const gray = toGray({ width: t.test.width, height: t.test.height, data: prediction.rgb }).data;
    for (let i = 0; i < gray.length; i++) expect(Math.abs(gray[i] - t.test.gray[i])).toBeLessThanOrEqual(0.5);
  });
});

describe("the perceptual targets computed as training draws them (bands above 2^21 rows)", () => {
  it("give a minibatch the targets computed up front, bit for bit, mirrored rows included", () => {
    const task = prepareTask(syntheticImage(30, 10, 4), { k: 5, seed: 0 });
    const n = 120;
    const rows = Int32Array.from({ length: n }, (_, i) => (i * 7) % (task.train.width * task.train.height));
    for (const formula of ["cie94", "ciede2000"] as const) {
      const size = perceptualTargetSize(formula);
      const eager = perceptualTargets(formula, task.train, rows);
      const lazy = lazyPerceptualTargets(formula, task.train, rows);
      // Draws as a mirrored dataset makes them: rows n..2n-1 are row r - n's mirror image, with its targets.
      const data = { ...lazy, n: 2 * n, dim: 1, targetRows: n, features() {} };
      const buffer = new BatchBuffer(data, 16);
      const order = Int32Array.from({ length: 64 }, (_, i) => (i * 37 + 5) % (2 * n));
      buffer.fill(order, 8, 24);
      for (let b = 0; b < 16; b++) {
        const r = order[8 + b] % n;
        expect(Array.from(buffer.targets!.subarray(b * size, (b + 1) * size))).toEqual(
          Array.from(eager.subarray(r * size, (r + 1) * size)),
        );
      }
      // Rows never drawn stay unwritten: the work is only the draws'.
      const drawn = new Set(Array.from(order.subarray(8, 24), (o) => o % n));
      const untouched = [...Array(n).keys()].find((r) => !drawn.has(r))!;
      expect(Array.from(lazy.targets!.subarray(untouched * size, (untouched + 1) * size))).toEqual(
        new Array(size).fill(0),
      );
    }
  });
});
