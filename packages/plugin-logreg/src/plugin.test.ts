import { createNetwork, createRng, labelObjective, modelSpec, parseConfig } from "@colorize/core";
import {
  checkGradients,
  checkStripBlind,
  describePlugin,
  fitBatch,
  labelAccuracy,
  separableProblem,
  xorProblem,
} from "@colorize/core/testing";
import { describe, expect, it } from "vitest";
import plugin, { params } from "./index.js";

/** The bound on the central-difference relative error of every parameter block. */
const gradTol = 1e-6;

describePlugin(plugin, { config: { epochs: 20 } });

describe("the validation strip", () => {
  it("changing only its colours (same gray) changes no epoch's training loss", async () => {
    const { a } = await checkStripBlind(plugin, { config: { epochs: 5, patience: 5, schedule: "constant" } });
    expect(a).toHaveLength(5);
  });
});

describe("logistic regression model", () => {
  const palette = { size: 3, colors: new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]) };
  const config = parseConfig(params, { l2: 0.05 });
  const objective = labelObjective(palette);

  it("passes the float64 gradient check on every parameter block", () => {
    const net = createNetwork(modelSpec(config), 4, objective);
    net.init(createRng(1));
    const { batch } = separableProblem(12, 4, 3, 2);
    const checks = checkGradients(net, batch, { blocks: ["layer1.weight", "layer1.bias"], rtol: gradTol });
    expect(checks).toHaveLength(2);
  });

  it("learns a linearly separable problem, and cannot learn XOR (it is linear)", () => {
    const sep = separableProblem(60, 2, 3, 3);
    const a = createNetwork(modelSpec(config), 2, objective);
    a.init(createRng(4));
    fitBatch(a, sep.batch, 300, 0.1);
    expect(labelAccuracy(a, sep.batch)).toBe(1);
    const xor = xorProblem();
    const b = createNetwork(modelSpec(config), 2, objective);
    b.init(createRng(4));
    fitBatch(b, xor.batch, 300, 0.1);
    expect(labelAccuracy(b, xor.batch)).toBeLessThanOrEqual(0.75);
  });
});
