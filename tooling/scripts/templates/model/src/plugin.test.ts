import { createNetwork, createRng, gradientCheck, modelSpec, parseConfig, prepareTask } from "@colorize/core";
import { describePlugin, syntheticImage } from "@colorize/core/testing";
import { describe, expect, it } from "vitest";
import plugin, { params } from "./index.js";
import { colourObjective } from "./objective.js";

/** Bound on the relative error |a - n| / (|a| + |n|) of the gradient of every parameter block. */
const gradTol = 1e-6;

describePlugin(plugin, { config: { epochs: 5 } });

describe("@colorize/plugin-__name__ model", () => {
  it("passes the float64 gradient check on every parameter block", () => {
    const task = prepareTask(syntheticImage(24, 12, 1), { k: 5, seed: 0 });
    const objective = colourObjective();
    // A tiny network (tanh: no ReLU kink near the point checked) on 10 pixels with random inputs.
    const config = parseConfig(params, { hidden: [6, 5], activation: "tanh", l2: 0.01 });
    const net = createNetwork(modelSpec(config), 4, objective);
    net.init(createRng(2));
    const rows = Int32Array.from({ length: 10 }, (_, i) => 11 * i);
    const rng = createRng(3);
    const x = Float64Array.from({ length: rows.length * 4 }, () => rng.normal());
    const checks = gradientCheck(net, { x, n: rows.length, ...objective.targets(task.train, rows) });
    expect(checks).toHaveLength(6);
    for (const c of checks) expect(c.maxRelError, c.name).toBeLessThan(gradTol);
  });
});
