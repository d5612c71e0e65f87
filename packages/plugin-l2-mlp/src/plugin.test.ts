import {
  createNetwork,
  createRng,
  modelSpec,
  parseConfig,
  prepareTask,
  type RgbObjectiveOptions,
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
} from "@colorize/core/testing";
import { describe, expect, it } from "vitest";
import plugin, { objectiveOptions, params } from "./index.js";

/** The bound on the central-difference relative error of every parameter block. */
const gradTol = 1e-6;

describePlugin(plugin, { config: { epochs: 20 } });
describePlugin(plugin, { config: { epochs: 5, luminance: "free" } });

describe("the validation strip", () => {
  it("changing only its colours (same gray) changes no epoch's training loss (2 members, mirrored rows, gradient windows)", async () => {
    const { a } = await checkStripBlind(plugin, { config: { epochs: 3, patience: 3, schedule: "constant" } });
    expect(a).toHaveLength(3 * 2);
  });
});

describe("squared-error RGB regression", () => {
  const task = prepareTask(syntheticImage(24, 12, 1), { k: 5, seed: 0 });
  const rows = Int32Array.from({ length: 10 }, (_, i) => 11 * i);

  for (const luminance of ["exact", "free"] as const) {
    it(`passes the float64 gradient check (${luminance} luminance)`, () => {
      const config = parseConfig(params, { hidden: [6, 5], activation: "tanh", l2: 0.01, luminance });
      const objective = rgbObjective(objectiveOptions(config));
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

  /** The output a network settles on for three identical inputs whose targets are 0, 0 and 3 on one axis. */
  function settle(options: RgbObjectiveOptions): number[] {
    const config = parseConfig(params, { hidden: [4], activation: "tanh", l2: 0 });
    const objective = rgbObjective(options);
    const net = createNetwork(modelSpec(config), 2, objective);
    net.init(createRng(5));
    const x = new Float64Array(3 * 2);
    const targets = Float64Array.from([0, 0, 0, 0, 3, 0]);
    fitBatch(net, { x, n: 3, targets }, 3000, 0.01);
    const z = new Float64Array(3 * net.outputSize);
    net.forward(x, 3, z);
    return [z[0], z[1]];
  }

  it("settles on the mean of targets it cannot tell apart (1, 0), where the Euclidean loss settles near their median (0, 0)", () => {
    const mean = settle(objectiveOptions(parseConfig(params, {})));
    expect(mean[0]).toBeCloseTo(1, 2);
    expect(mean[1]).toBeCloseTo(0, 2);
    const median = settle({ luminance: "exact", loss: "l1", chromaScale: 1 });
    expect(Math.abs(median[0])).toBeLessThan(0.1);
  });

  it("keeps every predicted pixel's gray within half a step", async () => {
    const { task: t, prediction } = await runPipeline(plugin, syntheticImage(24, 12, 2), {
      config: { epochs: 5 },
    });
    const gray = toGray({ width: t.test.width, height: t.test.height, data: prediction.rgb }).data;
    for (let i = 0; i < gray.length; i++) expect(Math.abs(gray[i] - t.test.gray[i])).toBeLessThanOrEqual(0.5);
  });
});
