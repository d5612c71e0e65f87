import {
  createNetwork,
  createRng,
  labelObjective,
  modelSpec,
  parseConfig,
  prepareTask,
} from "@colorize/core";
import {
  checkGradients,
  checkStripBlind,
  describePlugin,
  fitBatch,
  labelAccuracy,
  layerBlocks,
  syntheticImage,
  xorProblem,
} from "@colorize/core/testing";
import { describe, expect, it } from "vitest";
import plugin, { params } from "./index.js";

/** The bound on the central-difference relative error of every parameter block. */
const gradTol = 1e-6;

describePlugin(plugin, { config: { epochs: 20 } });
describePlugin(plugin, {
  config: { epochs: 5, softTargets: 5, rebalance: true, decoding: "annealed-mean", temperature: 0 },
});

describe("the validation strip", () => {
  const fixed = { epochs: 4, patience: 4, schedule: "constant" };
  it("changing only its colours (same gray) changes no epoch's training loss", async () => {
    const { a } = await checkStripBlind(plugin, { config: fixed });
    expect(a).toHaveLength(4);
  });
  it("nor with rebalanced hard targets, mirrored rows and an ensemble of two", async () => {
    const config = { ...fixed, softTargets: 0, rebalance: true, mirror: true, members: 2, row: "half" };
    const { a } = await checkStripBlind(plugin, { config });
    expect(a).toHaveLength(8);
  });
});

describe("softmax MLP model", () => {
  const task = prepareTask(syntheticImage(24, 12, 1), { k: 5, seed: 0 });
  const rows = Int32Array.from({ length: 10 }, (_, i) => 7 * i);

  for (const activation of ["relu", "tanh"]) {
    it(`passes the float64 gradient check with soft, rebalanced targets (${activation})`, () => {
      const config = parseConfig(params, { hidden: [6, 5], activation, l2: 0.01 });
      const objective = labelObjective(task.palette, { softTargets: 5, rebalance: true });
      const net = createNetwork(modelSpec(config), 4, objective);
      net.init(createRng(2));
      // Zero biases can leave a pre-activation exactly on the ReLU kink (a row whose inputs are
      // all zero), where the derivative is one-sided; small distinct biases move them off it.
      for (const b of net.paramBlocks)
        if (!b.decay) for (let i = 0; i < b.size; i++) net.params[b.offset + i] = 0.05 * (i + 1);
      const rng = createRng(3);
      const x = Float64Array.from({ length: rows.length * 4 }, () => rng.normal());
      const batch = { x, n: rows.length, ...objective.targets(task.train, rows) };
      expect(batch.targets?.length).toBe(rows.length * 5);
      // Two hidden layers and the output layer: a weight and a bias block each.
      const checks = checkGradients(net, batch, { blocks: layerBlocks(3), rtol: gradTol });
      expect(checks).toHaveLength(6);
    });
  }

  it("learns XOR", () => {
    const config = parseConfig(params, { hidden: [8], activation: "tanh", l2: 0 });
    const palette = { size: 2, colors: new Uint8Array([0, 0, 0, 255, 255, 255]) };
    const net = createNetwork(modelSpec(config), 2, labelObjective(palette));
    net.init(createRng(0));
    const { batch } = xorProblem();
    fitBatch(net, batch, 300, 0.05);
    expect(labelAccuracy(net, batch)).toBe(1);
  });
});
