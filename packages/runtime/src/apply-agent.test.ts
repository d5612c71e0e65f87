import { cropColumns, grayOf, prepareTask, splitColumn, toGray } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { applyAgent } from "./apply-agent.js";
import { discoverPlugins, type LoadedPlugin } from "./discovery.js";
import { runAgentInline } from "./run-agent.js";
import { parseSnapshot, restoreSnapshot, snapshotText } from "./snapshot-file.js";
import { syntheticImage } from "./testing/index.js";
import { snapshotDocument, trainAgent, trainingTask } from "./train-agent.js";

const plugins = await discoverPlugins({ onProblem: () => {} });
const image = syntheticImage(46, 20, 4);
const c = splitColumn(image.width);
const rightGray = toGray(cropColumns(image, c, image.width));
const seed = 3;

/** Trains on the left half, writes and reads the snapshot file's text, and restores the agent. */
async function leftHalfSnapshot(loaded: LoadedPlugin) {
  const task = trainingTask(image, { region: "left", k: 4, seed });
  const trained = await trainAgent(loaded, task, { seed });
  const doc = snapshotDocument(trained.agent.toJSON(), {
    output: loaded.plugin.capabilities.output,
    image,
    imagePath: "synthetic.png",
    task,
    seed,
    fit: trained.fit,
    metrics: { strip: trained.strip },
  });
  const parsed = parseSnapshot(snapshotText(doc), "agent.json");
  return { doc: parsed, ...restoreSnapshot(parsed, plugins, "agent.json") };
}

describe("a snapshot trained on a left half and applied to the right half", () => {
  it("finds the shipped plugins", () => {
    expect(plugins.map((p) => p.short)).toEqual(
      expect.arrayContaining(["knn", "logreg", "rgb-mlp", "softmax-mlp"]),
    );
  });

  for (const loaded of plugins) {
    it(`reproduces colorize run's right half for ${loaded.short}, labels included`, async () => {
      const task = prepareTask(image, { k: 4, seed });
      expect(trainingTask(image, { region: "left", k: 4, seed }).train).toEqual(task.train);
      const run = await runAgentInline(
        { entry: loaded.entry, plugin: loaded.plugin, config: {}, seed },
        task.train,
        task.test,
      );
      const { doc, agent, palette } = await leftHalfSnapshot(loaded);
      const applied = await applyAgent(
        agent,
        doc.plugin.output,
        rightGray,
        { gray: doc.training.gray, paletteSize: palette.size },
        { seed: doc.seed },
      );
      expect(Buffer.from(applied.rgb).equals(Buffer.from(run.prediction.rgb))).toBe(true);
      expect(applied.labels).toEqual(run.prediction.labels);
      expect(applied.onOwnGray).toBe(false);
    });
  }
});

describe("applyAgent's gray options", () => {
  const knn = plugins.find((p) => p.plugin.meta.role === "basic")!;
  const rgbAgent = plugins.find((p) => p.plugin.capabilities.output === "rgb")!;
  // A darker, flatter copy of the right half: what an underexposed photograph of the scene gives.
  const dim = { ...rightGray, data: rightGray.data.map((g) => 20 + g * 0.5) };

  it("keepGray puts a palette agent's colours on each pixel's own gray", async () => {
    const { doc, agent, palette } = await leftHalfSnapshot(knn);
    const a = await applyAgent(
      agent,
      "label",
      dim,
      { gray: doc.training.gray, paletteSize: palette.size },
      {
        seed,
        keepGray: true,
      },
    );
    expect(a.onOwnGray).toBe(true);
    for (let i = 0; i < dim.data.length; i++) {
      const g = grayOf(a.rgb[i * 3], a.rgb[i * 3 + 1], a.rgb[i * 3 + 2]);
      expect(Math.abs(g - dim.data[i])).toBeLessThanOrEqual(0.5);
    }
  });

  it("matchGray lets the agent see gray at the training band's statistics, and an RGB agent's output keeps the photograph's own gray", async () => {
    const { doc, agent, palette } = await leftHalfSnapshot(rgbAgent);
    const stats = { gray: doc.training.gray, paletteSize: palette.size };
    const a = await applyAgent(agent, "rgb", dim, stats, { seed, matchGray: true });
    expect(a.gray.matched).toEqual(doc.training.gray);
    expect(a.gray.own.mean).toBeLessThan(doc.training.gray.mean);
    for (let i = 0; i < dim.data.length; i++) {
      const g = grayOf(a.rgb[i * 3], a.rgb[i * 3 + 1], a.rgb[i * 3 + 2]);
      expect(Math.abs(g - dim.data[i])).toBeLessThanOrEqual(0.5);
    }
    // The chroma comes from matching the remapped gray, so it differs from matching the dim gray.
    const plain = await applyAgent(agent, "rgb", dim, stats, { seed });
    expect(Buffer.from(plain.rgb).equals(Buffer.from(a.rgb))).toBe(false);
  });
});
