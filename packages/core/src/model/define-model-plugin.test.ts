import { describe, expect, it } from "vitest";
import { ConfigError, defaultsOf, parseConfig } from "../params.js";
import { PluginError } from "../plugin.js";
import { prepareTask } from "../prepare.js";
import { createRng } from "../prng.js";
import { smallModelParams } from "../testing/label-model-plugin.js";
import { syntheticImage } from "../testing/synthetic.js";
import { defineModelPlugin, describeModelInput } from "./define-model-plugin.js";
import { ensembleOptions, ensembleParams } from "./ensemble-params.js";
import { labelObjective } from "./label-objective.js";

const model = smallModelParams({ localStd: true, context: [2, 4, 8, 16], epochs: 2 });
const meta = { name: "@colorize/plugin-declared", version: "1.2.3", description: { summary: "declared" } };
const label = () => (palette: Parameters<typeof labelObjective>[0]) => labelObjective(palette);

describe("defineModelPlugin", () => {
  it("makes a model plugin: kind, capabilities, the schema, and the description filled in", () => {
    const p = defineModelPlugin({ meta, output: "label", params: model, objective: label });
    expect(p.meta.kind).toBe("model");
    expect(p.capabilities).toEqual({ output: "label", backends: ["js"], gradients: true, iterative: true });
    expect(p.params).toBe(model);
    expect(Object.keys(p.meta.description)).toEqual(["summary", "input", "preprocessing"]);
    expect(p.meta.description.input).toBe(
      "standardised gray features of each pixel: its 3x3 patch, the patch's spread, and gray mean and spread in windows of radius 2, 4, 8, 16",
    );
    const own = { ...meta, description: { summary: "s", input: "mine", overfitting: "o" } };
    const q = defineModelPlugin({ meta: own, output: "label", params: model, objective: label });
    expect(q.meta.description).toEqual({
      summary: "s",
      input: "mine",
      preprocessing:
        "features standardised with means and deviations of the left half; palette from k-means on the left half",
      overfitting: "o",
    });
  });

  it("refuses a schema without the model parameters, naming them", () => {
    const { epochs: _e, patience: _p, ...rest } = model;
    expect(() => defineModelPlugin({ meta, output: "label", params: rest, objective: label })).toThrow(
      new PluginError("plugin @colorize/plugin-declared: params lack the model parameters epochs, patience"),
    );
  });

  it("checks the configuration through the objective when an agent is created or restored", () => {
    const p = defineModelPlugin({
      meta,
      output: "label",
      params: model,
      objective: (config) => {
        if (config.l2 === 0) throw new ConfigError("l2 must not be 0 here");
        return label();
      },
    });
    expect(() => p.create(parseConfig(model, { l2: 0 }))).toThrow(ConfigError);
    const snapshot = { plugin: meta.name, version: "1.2.9", config: { l2: 0 }, state: {} };
    expect(() => p.restore(snapshot)).toThrow(/l2 must not be 0/);
    expect(() => p.restore({ ...snapshot, version: "1.3.0" })).toThrow(/cannot restore; fit the agent again/);
  });

  it("refuses an objective that decodes to another output than declared", async () => {
    const p = defineModelPlugin({ meta, output: "rgb", params: model, objective: label });
    const task = prepareTask(syntheticImage(24, 12, 0), { k: 3, seed: 0 });
    const agent = p.create(parseConfig(model, {}));
    await expect(agent.fit(task.train, { seed: 0, rng: createRng(0) })).rejects.toThrow(
      "plugin @colorize/plugin-declared: its objective decodes to label, not rgb",
    );
  });
});

describe("ensemble parameters", () => {
  it("are off by default, and off for a schema that does not offer them", () => {
    const off = { mirror: false, smoothing: 0, members: 1, row: "off", shrink: 0 };
    expect(defaultsOf(ensembleParams())).toEqual(off);
    expect(ensembleOptions(defaultsOf(model))).toEqual(off);
    const on = { mirror: true, smoothing: 2, members: 4, row: "half", shrink: 1 } as const;
    expect(ensembleOptions(defaultsOf(ensembleParams(on)))).toEqual(on);
  });

  it("describe which networks see the row", () => {
    const input = (o: Parameters<typeof ensembleParams>[0], f = {}) =>
      describeModelInput({ ...defaultsOf(model), ...defaultsOf(ensembleParams(o)), ...f });
    expect(input({ members: 4, row: "half" }, { context: [2, 4, 8] })).toBe(
      "standardised gray features of each pixel: its 3x3 patch, the patch's spread, and gray mean and spread in windows of radius 2, 4, 8; half of the networks also see the pixel's row",
    );
    expect(input({ members: 5, row: "half" })).toMatch(/; 3 of the 5 networks also see the pixel's row$/);
    expect(input({ members: 3, row: "all" })).toMatch(/; every network also sees the pixel's row$/);
    expect(input({ members: 1, row: "half" })).toMatch(/; the network also sees the pixel's row$/);
    expect(input({}, { pca: 4, localStd: false, context: [3] })).toBe(
      "standardised gray features of each pixel: the first 4 principal components of its 3x3 patch and gray mean and spread in windows of radius 3",
    );
  });
});
