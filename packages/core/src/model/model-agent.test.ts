import { describe, expect, it } from "vitest";
import type { AgentSnapshot, ProgressEvent } from "../agent.js";
import type { Config } from "../params.js";
import { prepareTask } from "../prepare.js";
import { createRng } from "../prng.js";
import { describePlugin } from "../testing/describe-plugin.js";
import { labelModelPlugin, smallModelParams } from "../testing/label-model-plugin.js";
import { syntheticImage } from "../testing/synthetic.js";
import { defineModelPlugin } from "./define-model-plugin.js";
import { ensembleParams } from "./ensemble-params.js";
import { labelObjective } from "./label-objective.js";
import type { ModelAgentState } from "./model-snapshot.js";

const params = {
  ...smallModelParams({ localStd: true, epochs: 4 }),
  ...ensembleParams({ mirror: true, smoothing: 1, members: 3, row: "half", shrink: 1 }),
};

const ensemble = labelModelPlugin(
  "@colorize/plugin-ensemble",
  params,
  "three small softmax MLPs, mirrored data, smoothed and shrunk outputs",
);

function agentOf(config: Config, state?: ModelAgentState) {
  return state
    ? ensemble.restore({ plugin: ensemble.meta.name, version: ensemble.meta.version, config, state })
    : ensemble.create(config);
}

// Determinism, save and restore of every network, progress, abort and the leak test, all with
// an ensemble of mirrored, smoothed and shrunk members.
describePlugin(ensemble);

describe("model agent ensembles", () => {
  const task = prepareTask(syntheticImage(24, 12, 3), { k: 4, seed: 0 });
  const ctx = (events?: ProgressEvent[]) => ({
    seed: 0,
    rng: createRng(0),
    onProgress: events ? (e: ProgressEvent) => events.push(e) : undefined,
  });

  it("trains every member on the training columns and their mirror image, the later half with the row", async () => {
    const agent = agentOf({ members: 4 });
    const report = await agent.fit(task.train, ctx());
    const { width, height, validationColumns } = task.train;
    const facts = report.facts!;
    expect(facts.trainingRows).toBe(2 * (width - validationColumns) * height);
    // 9 patch values, its spread, mean and spread of one window; +1 for the row.
    expect(facts.features).toBe("12, 12, 13, 13");
    expect(facts.networks).toBe(4);
    const single = await agentOf({ members: 1, mirror: false }).fit(task.train, ctx());
    expect(single.facts!.trainingRows).toBe((width - validationColumns) * height);
  });

  it("numbers epochs on across members, so progress never goes back", async () => {
    const events: ProgressEvent[] = [];
    const report = await agentOf({ members: 3 }).fit(task.train, ctx(events));
    const epochs = events.filter((e) => e.type === "epoch");
    expect(epochs.length).toBe(report.facts!.epochsRun);
    epochs.forEach((e, i) => {
      expect(e.epoch).toBe(i + 1);
      expect(e.epoch).toBeLessThanOrEqual(e.epochs);
    });
    // Three members of at most 4 epochs: the first epoch's bound is all 12.
    expect(epochs[0].epochs).toBe(12);
    expect(report.history!.map((h) => h.epoch)).toEqual(epochs.map((e) => e.epoch));
  });

  it("saves every network and refuses a snapshot with another number of them", async () => {
    const agent = agentOf({ members: 3 });
    await agent.fit(task.train, ctx());
    const snap = JSON.parse(JSON.stringify(agent.toJSON())) as AgentSnapshot;
    const state = snap.state as ModelAgentState;
    expect(state.members).toHaveLength(2);
    const restored = agentOf({ members: 3 }, state);
    const a = await agent.predict(task.test, ctx());
    const b = await restored.predict(task.test, ctx());
    expect(Array.from(b.rgb)).toEqual(Array.from(a.rgb));
    expect(() => agentOf({ members: 2 }, state)).toThrow(/holds 3 networks; the configuration asks for 2/);
  });

  it("keeps the strip's disagreement for the novelty rule, saves it, and refuses a bad one", async () => {
    // The annealed mean of the palette colours: scaled outputs change it (an argmax would not).
    const annealed = defineModelPlugin({
      meta: { name: "@colorize/plugin-annealed", version: "0.0.0", description: { summary: "annealed" } },
      output: "label",
      params,
      objective: () => (palette, saved) =>
        labelObjective(palette, { decoding: "annealed-mean", temperature: 0.38 }, saved),
    });
    const agentOf = (config: Config, state?: ModelAgentState) =>
      state
        ? annealed.restore!({ plugin: annealed.meta.name, version: "0.0.0", config, state })
        : annealed.create(config);
    const agent = agentOf({ members: 3, novelty: 1e-9 });
    const report = await agent.fit(task.train, ctx());
    const spread = report.facts!.stripSpread as number;
    expect(spread).toBeGreaterThan(0);
    const state = (JSON.parse(JSON.stringify(agent.toJSON())) as AgentSnapshot).state as ModelAgentState;
    expect(state.stripSpread).toBeCloseTo(spread, 3);
    // A threshold that every band passes: the restored agent scales exactly as the fitted one.
    const a = await agent.predict(task.test, ctx());
    const b = await agentOf({ members: 3, novelty: 1e-9 }, state).predict(task.test, ctx());
    expect(Array.from(b.rgb)).toEqual(Array.from(a.rgb));
    const off = await agentOf({ members: 3 }, state).predict(task.test, ctx());
    expect(Array.from(off.rgb)).not.toEqual(Array.from(a.rgb));
    expect(() => agentOf({ members: 3 }, { ...state, stripSpread: -1 })).toThrow(
      /stripSpread must be a number >= 0/,
    );
  });

  it("with one member, no smoothing and no shrinkage, predicts what that network alone predicts", async () => {
    const plain = { members: 1, smoothing: 0, shrink: 0, mirror: false, row: "off" };
    const a = agentOf(plain);
    await a.fit(task.train, ctx());
    const b = agentOf({ ...plain, shrink: 5 });
    await b.fit(task.train, ctx());
    // Shrinkage needs disagreement between members: one network is left as it is.
    expect(Array.from((await b.predict(task.test, ctx())).rgb)).toEqual(
      Array.from((await a.predict(task.test, ctx())).rgb),
    );
  });
});
