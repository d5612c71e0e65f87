import { describe, expect, it } from "vitest";
import { ConfigError, defaultsOf, parseConfig } from "../params.js";
import { PluginError } from "../plugin.js";
import { prepareTask } from "../prepare.js";
import { createRng, type Rng } from "../prng.js";
import { describePlugin } from "../testing/describe-plugin.js";
import { checkGradients } from "../testing/gradients.js";
import { smallModelParams } from "../testing/label-model-plugin.js";
import { syntheticImage } from "../testing/synthetic.js";
import { defineModelPlugin, describeModelInput } from "./define-model-plugin.js";
import { ensembleOptions, ensembleParams } from "./ensemble-params.js";
import { labelObjective } from "./label-objective.js";
import type { Head } from "./mlp.js";
import type { Batch, ParamBlock } from "./model.js";
import { modelSpec } from "./model-params.js";
import type { Network } from "./network.js";

const model = smallModelParams({ localStd: true, context: [2, 4, 8, 16], epochs: 2 });
/** Bound on the relative error of every parameter block's gradient against central differences. */
const gradTol = 1e-6;
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
    const off = {
      mirror: false,
      flip: false,
      smoothing: 0,
      members: 1,
      row: "off",
      shrink: 0,
      novelty: 0,
      noveltyRadius: 0,
      noveltyFloor: 0,
      noveltyPower: 0.5,
      stripEpochs: 0,
      stripRate: 0.25,
    };
    expect(defaultsOf(ensembleParams())).toEqual({ ...off, guided: 0, guidedEpsilon: 4 });
    expect(ensembleOptions(defaultsOf(model))).toEqual({ ...off, guided: { radius: 0, epsilon: 4 } });
    const on = {
      mirror: true,
      flip: true,
      smoothing: 2,
      members: 4,
      row: "half",
      shrink: 1,
      novelty: 4,
      noveltyRadius: 48,
      noveltyFloor: 0.01,
      noveltyPower: 1,
      stripEpochs: 3,
      stripRate: 0.5,
      guided: { radius: 3, epsilon: 25 },
    } as const;
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
    expect(input({ members: 2, row: "half" }, { context: [2], gradient: [2, 6] })).toBe(
      "standardised gray features of each pixel: its 3x3 patch, the patch's spread, gray mean and spread in windows of radius 2, and the gray gradient's structure tensor (energy, orientation) in windows of radius 2, 6; half of the networks also see the pixel's row",
    );
    // Without gradient windows the features' options are what they were (snapshots unchanged).
    expect(modelSpec(defaultsOf(model)).features).not.toHaveProperty("gradient");
  });
});

/** A network that is not an Mlp: one linear map without biases, written out, to show the parts need only a Network. */
class Linear implements Network {
  readonly outputSize: number;
  readonly paramBlocks: ParamBlock[];
  readonly params: Float64Array;
  readonly grads: Float64Array;
  private z = new Float64Array(0);

  constructor(
    readonly inputSize: number,
    private readonly head: Head,
  ) {
    this.outputSize = head.size;
    this.paramBlocks = [{ name: "weight", offset: 0, size: inputSize * head.size, decay: false }];
    this.params = new Float64Array(inputSize * head.size);
    this.grads = new Float64Array(inputSize * head.size);
  }

  init(rng: Rng): void {
    for (let i = 0; i < this.params.length; i++) this.params[i] = 0.1 * rng.normal();
  }

  forward(x: Float64Array, n: number, out: Float64Array): void {
    const [d, k] = [this.inputSize, this.outputSize];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let p = 0; p < d; p++) s += x[i * d + p] * this.params[j * d + p];
        out[i * k + j] = s;
      }
    }
  }

  lossAndGradient(batch: Batch): number {
    const [d, k, n] = [this.inputSize, this.outputSize, batch.n];
    if (this.z.length < n * k) this.z = new Float64Array(n * k);
    this.forward(batch.x, n, this.z);
    const dz = new Float64Array(n * k);
    const loss = this.head.loss(this.z, batch, dz);
    this.grads.fill(0);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < k; j++)
        for (let p = 0; p < d; p++) this.grads[j * d + p] += dz[i * k + j] * batch.x[i * d + p];
    return loss;
  }
}

const linear = defineModelPlugin({
  meta: { ...meta, name: "@colorize/plugin-linear" },
  output: "label",
  params: { ...model, ...ensembleParams({ members: 2, smoothing: 1 }) },
  objective: label,
  network: () => (inputSize, objective) => new Linear(inputSize, objective.head),
  features: () => ({ patchSize: 5, pca: 0, localStd: false, context: [] }),
});

// The whole kit, with an ensemble of two of them: the parts around a network are the same for any network.
describePlugin(linear);

describe("a model plugin with a network and features of its own", () => {
  it("trains, saves and restores its own networks on its own features", async () => {
    const task = prepareTask(syntheticImage(24, 12, 0), { k: 3, seed: 0 });
    const agent = linear.create(parseConfig(linear.params, {}));
    const report = await agent.fit(task.train, { seed: 0, rng: createRng(0) });
    expect(report.facts).toMatchObject({ features: "25, 25", parameters: 2 * 25 * 3, networks: 2 });
    const batch = {
      x: Float64Array.from({ length: 12 }, (_, i) => Math.sin(i)),
      n: 3,
      labels: Uint8Array.from([0, 2, 1]),
    };
    const net = new Linear(4, labelObjective(task.palette).head);
    net.init(createRng(1));
    expect(checkGradients(net, batch, { blocks: ["weight"], rtol: gradTol })).toHaveLength(1);
  });
});
