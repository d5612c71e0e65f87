import { describe, expect, it } from "vitest";
import { defineModelPlugin } from "../model/define-model-plugin.js";
import { labelObjective } from "../model/label-objective.js";
import type { Plugin } from "../plugin.js";
import { ConformanceError } from "./checks.js";
import { labelModelPlugin, smallModelParams } from "./label-model-plugin.js";
import { checkStripBlind } from "./strip-blind.js";

const config = { epochs: 6, patience: 6, schedule: "constant" };

/**
 * A plausible bug, as a negative control: class weights from the label frequencies of the whole
 * training band, strip included, so the strip's colours reach every training row's weight.
 */
const wholeBandWeights: Plugin = defineModelPlugin({
  meta: {
    name: "@colorize/plugin-whole-band",
    version: "0.0.0",
    description: { summary: "leaks the strip" },
  },
  output: "label",
  params: smallModelParams(),
  objective: () => (palette, saved) => {
    const base = labelObjective(palette, {}, saved);
    return {
      ...base,
      targets(train, rows) {
        const t = base.targets(train, rows);
        const freq = new Float64Array(palette.size);
        for (let i = 0; i < train.labels.length; i++) freq[train.labels[i]]++;
        const weights = new Float64Array(rows.length);
        for (let i = 0; i < rows.length; i++)
          weights[i] = train.labels.length / (palette.size * freq[t.labels![i]]);
        return { ...t, weights };
      },
    };
  },
});

describe("checkStripBlind", () => {
  it("passes core's model agent: the strip's colours change its scores, never its training", async () => {
    const reference = labelModelPlugin("@colorize/plugin-reference", smallModelParams(), "a small MLP");
    const { a, b, stripColumns } = await checkStripBlind(reference, { config });
    expect(stripColumns).toBe(2);
    expect(a.map((e) => e.trainLoss)).toEqual(b.map((e) => e.trainLoss));
    expect(a).toHaveLength(6);
  });

  it("fails a model whose training reads the strip's labels", async () => {
    await expect(checkStripBlind(wholeBandWeights, { config })).rejects.toThrow(
      /changed the training loss of epoch 1 .*the strip reached training/,
    );
    await expect(checkStripBlind(wholeBandWeights, { config })).rejects.toBeInstanceOf(ConformanceError);
  });
});
