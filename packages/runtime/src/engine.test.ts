import { type Config, type GrayBands, parseConfig } from "@colorize/core";
import { afterAll, describe, expect, it } from "vitest";
import { discoverPlugins, findPlugin, loadPluginFrom } from "./discovery.js";
import { runComparison, startComparison } from "./engine.js";
import type { EngineEvent } from "./events.js";
import { syntheticImage, writeFixturePlugin } from "./testing/index.js";

const fixture = writeFixturePlugin();
const slow = writeFixturePlugin({ name: "@colorize/plugin-slow", delayMs: 5000 });
const quickEpochs = writeFixturePlugin({ name: "@colorize/plugin-quick", epochs: 3 });
const slowEpochs = writeFixturePlugin({ name: "@colorize/plugin-slow", epochs: 1000, epochMs: 10 });
afterAll(() => {
  for (const p of [fixture, slow, quickEpochs, slowEpochs]) p.dispose();
});

/** The events every run opens with, in order. */
const OPENING = ["start", "split", "palette", "baseline", "baseline"];
/** The events of a run of two agents that both finish. */
const TWO_RESULTS = [...OPENING, "agent-start", "result", "agent-start", "result", "done"];

/** Events without their timing fields, which differ from run to run. */
function untimed(events: EngineEvent[]): unknown[] {
  return events.map((e) => {
    if (e.type === "done") return { type: "done" };
    if (e.type === "result") {
      const { seconds, fitSeconds, predictSeconds, ...rest } = e.result;
      return { type: "result", result: rest };
    }
    return e;
  });
}

describe("discoverPlugins", () => {
  it("finds the workspace plugins sorted by name, plus extra paths", async () => {
    const plugins = await discoverPlugins({ extra: [fixture.dir], onProblem: () => {} });
    const names = plugins.map((p) => p.name);
    expect(names).toContain("@colorize/plugin-knn");
    expect(names).toContain("@colorize/plugin-fixture");
    expect([...names].sort()).toEqual(names);
    expect(findPlugin(plugins, "fixture").name).toBe("@colorize/plugin-fixture");
    expect(() => findPlugin(plugins, "nope")).toThrow(/unknown agent nope \(known: .*knn/);
  });
  it("refuses a path that is not a plugin, in one line", async () => {
    await expect(loadPluginFrom("/definitely/missing")).rejects.toThrow(/does not exist/);
  });
});

describe("runComparison", () => {
  const image = syntheticImage(40, 16);
  it("emits the documented event sequence and scores every agent on the shared split", async () => {
    const fx = await loadPluginFrom(fixture.dir);
    const events: EngineEvent[] = [];
    const result = await runComparison(
      {
        image,
        imagePath: "synthetic",
        agents: [{ loaded: fx }, { loaded: fx, label: "shifted", config: { shift: 5 } }],
        seed: 3,
      },
      (e) => events.push(e),
    );
    const types = events.map((e) => e.type).filter((t) => t !== "progress");
    expect(types).toEqual(TWO_RESULTS);
    expect(result.task.split.column).toBe(20);
    expect(result.agents.map((a) => a.name)).toEqual(["fixture", "shifted"]);
    // Shifting every channel by 5 (no clipping here) must cost exactly RMSE-consistent error.
    const a = result.outputs.get("fixture")!;
    const b = result.outputs.get("shifted")!;
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, b[i] - a[i]);
    expect(maxDiff).toBeLessThanOrEqual(5);
    // The palette-ceiling row is the best any palette agent can do: accuracy 1 by definition.
    expect(result.baselines.paletteCeiling.labelAccuracy).toBe(1);
  });

  it("runs k-means' assignment on the requested backend's kernel, names it, and gets the same palette", async () => {
    const fx = await loadPluginFrom(fixture.dir);
    const events: EngineEvent[] = [];
    const auto = await runComparison({ image, imagePath: "x", agents: [{ loaded: fx }] }, (e) =>
      events.push(e),
    );
    expect(auto.kmeansBackend).toBe("js");
    expect(events.find((e) => e.type === "palette")).toMatchObject({ backend: "js" });
    const gpu = await runComparison({
      image,
      imagePath: "x",
      agents: [{ loaded: fx }],
      backend: "gpu.js:cpu",
    });
    expect(gpu.kmeansBackend).toBe("gpu.js:cpu");
    expect(gpu.palette).toEqual(auto.palette);
    expect(gpu.task.kmeans).toEqual(auto.task.kmeans);
    await expect(
      runComparison({ image, imagePath: "x", agents: [{ loaded: fx }], backend: "cuda" }),
    ).rejects.toThrow(/unknown compute backend "cuda"/);
  });

  it("runs an agent on a worker thread with the same output as inline", async () => {
    const fx = await loadPluginFrom(fixture.dir);
    const inline = await runComparison({ image, imagePath: "x", agents: [{ loaded: fx }] });
    const worker = await runComparison({
      image,
      imagePath: "x",
      agents: [{ loaded: fx }],
      isolation: "worker",
    });
    expect(Buffer.from(worker.outputs.get("fixture")!)).toEqual(Buffer.from(inline.outputs.get("fixture")!));
    expect(worker.agents[0].metrics).toEqual(inline.agents[0].metrics);
  });

  it("cancels a worker run through its signal and rejects with AbortError", async () => {
    const sl = await loadPluginFrom(slow.dir);
    const controller = new AbortController();
    const run = runComparison(
      { image, imagePath: "x", agents: [{ loaded: sl }], isolation: "worker", signal: controller.signal },
      (e) => {
        if (e.type === "agent-start") setTimeout(() => controller.abort(), 50);
      },
    );
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
  });

  it("reports a failing agent and still runs the others", async () => {
    const fx = await loadPluginFrom(fixture.dir);
    const broken = {
      ...fx,
      short: "broken",
      plugin: {
        ...fx.plugin,
        create: () => {
          throw new Error("boom");
        },
      },
    };
    const events: EngineEvent[] = [];
    const result = await runComparison(
      { image, imagePath: "x", agents: [{ loaded: broken }, { loaded: fx }] },
      (e) => events.push(e),
    );
    expect(result.errors).toEqual([{ agent: "broken", message: "boom", cancelled: false }]);
    expect(result.agents.map((a) => a.name)).toEqual(["fixture"]);
  });
});

describe("agents told ahead (Plugin.ahead)", () => {
  const image = syntheticImage(41, 16);
  it("tells each plugin with the hook both halves' gray and its parsed config before k-means, once", async () => {
    const fx = await loadPluginFrom(fixture.dir);
    const calls: { train: number[]; test: number[]; width: number; config: unknown; before: boolean }[] = [];
    let paletteSeen = false;
    const told = {
      ...fx,
      plugin: {
        ...fx.plugin,
        ahead(bands: GrayBands, config: Config) {
          calls.push({
            train: Array.from(bands.train.gray100),
            test: Array.from(bands.test.gray100),
            width: bands.test.width,
            config,
            before: !paletteSeen,
          });
        },
      },
    };
    const result = await runComparison(
      {
        image,
        imagePath: "synthetic",
        agents: [
          { loaded: told, config: { shift: 2 } },
          { loaded: fx, label: "plain" },
        ],
      },
      (e) => {
        if (e.type === "palette") paletteSeen = true;
      },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].before).toBe(true);
    expect(calls[0].width).toBe(21);
    expect(calls[0].train).toEqual(Array.from(result.task.train.gray100));
    expect(calls[0].test).toEqual(Array.from(result.task.test.gray100));
    expect(calls[0].config).toEqual({ ...parseConfig(fx.plugin.params, {}), shift: 2 });
    expect(result.agents.map((a) => a.name)).toEqual(["fixture", "plain"]);
  });
  it("runs on when the hook throws, and tells nothing to agents in worker isolation or on a given task", async () => {
    const fx = await loadPluginFrom(fixture.dir);
    let calls = 0;
    const throwing = {
      ...fx,
      plugin: {
        ...fx.plugin,
        ahead() {
          calls++;
          throw new Error("boom");
        },
      },
    };
    const first = await runComparison({ image, imagePath: "synthetic", agents: [{ loaded: throwing }] });
    expect(calls).toBe(1);
    expect(first.errors).toEqual([]);
    expect(first.agents).toHaveLength(1);
    await runComparison({ image, imagePath: "synthetic", agents: [{ loaded: throwing }], task: first.task });
    expect(calls).toBe(1);
    await runComparison({
      image,
      imagePath: "synthetic",
      agents: [{ loaded: throwing }],
      isolation: "worker",
    });
    expect(calls).toBe(1);
  });
});

describe("startComparison", () => {
  const image = syntheticImage(40, 16);

  /** A run of the slow agent, then the quick one, inline; `onEvent` sees each event with the run. */
  async function slowThenQuick(onEvent: (e: EngineEvent, run: ReturnType<typeof startComparison>) => void) {
    const s = await loadPluginFrom(slowEpochs.dir);
    const q = await loadPluginFrom(quickEpochs.dir);
    const events: EngineEvent[] = [];
    const outputs: string[] = [];
    const run: ReturnType<typeof startComparison> = startComparison(
      {
        image,
        imagePath: "x",
        agents: [
          { loaded: s, config: {} },
          { loaded: q, config: {} },
        ],
        isolation: "inline",
      },
      (e) => {
        events.push(e);
        onEvent(e, run);
      },
      (name) => outputs.push(name),
    );
    return { run, result: await run.done, events, outputs };
  }

  it("emits exactly the events and scores of runComparison, and hands each output over before its result", async () => {
    const q = await loadPluginFrom(quickEpochs.dir);
    const agents = [
      { loaded: q, config: { epochs: 3 } },
      { loaded: q, config: { epochs: 2, shift: 4 }, label: "shifted" },
    ];
    const mine: EngineEvent[] = [];
    const theirs: EngineEvent[] = [];
    const outputs = new Map<string, Uint8Array>();
    const run = startComparison(
      { image, imagePath: "synthetic", agents, k: 4, seed: 7, isolation: "inline" },
      (e) => mine.push(e),
      (name, rgb) => {
        // The output comes before the `result` event of the same agent.
        expect(mine.filter((e) => e.type === "result" && e.result.name === name)).toEqual([]);
        outputs.set(name, rgb);
      },
    );
    const result = await run.done;
    const reference = await runComparison({ image, imagePath: "synthetic", agents, k: 4, seed: 7 }, (e) =>
      theirs.push(e),
    );
    expect(untimed(mine)).toEqual(untimed(theirs));
    expect(mine.map((e) => e.type).filter((t) => t !== "progress" && t !== "epoch")).toEqual(TWO_RESULTS);
    expect(result.agents.map((a) => a.metrics)).toEqual(reference.agents.map((a) => a.metrics));
    expect(Buffer.from(outputs.get("shifted")!)).toEqual(Buffer.from(reference.outputs.get("shifted")!));
    expect(mine.filter((e) => e.type === "epoch").map((e) => (e as { epoch: number }).epoch)).toEqual([
      1, 2, 3, 1, 2,
    ]);
  });

  // Worker isolation is what the dashboard uses; it is driven end to end by the dashboard's tmux
  // test, which runs the built CLI. Here agents run inline, where the same signal cancels them.
  it("cancels only the running agent, then runs the next one", async () => {
    const { run, result, events, outputs } = await slowThenQuick((e, r) => {
      // Cancel once training is visibly under way.
      if (e.type === "epoch" && e.agent === "slow" && e.epoch === 2) r.cancelAgent();
    });
    expect(result.errors).toEqual([{ agent: "slow", message: "cancelled", cancelled: true }]);
    expect(result.agents.map((a) => a.name)).toEqual(["quick"]);
    expect(outputs).toEqual(["quick"]);
    const types = events.filter((e) => e.type !== "epoch" && e.type !== "progress").map((e) => e.type);
    expect(types).toEqual([...OPENING, "agent-start", "error", "agent-start", "result", "done"]);
    expect(run.cancelAgent()).toBeUndefined();
  });

  it("cancelAll stops the running agent and starts no other", async () => {
    const { result, events } = await slowThenQuick((e, r) => {
      if (e.type === "epoch" && e.epoch === 1) r.cancelAll();
    });
    expect(result.agents).toEqual([]);
    expect(events.filter((e) => e.type === "agent-start")).toHaveLength(1);
    expect(events.at(-1)?.type).toBe("done");
  });

  it("drops an agent cancelled after it finished but before its result was kept", async () => {
    // The quick agent's last event is its predict stage at 1, sent once its answer is made: a
    // cancel then can only drop the result.
    const { result, outputs } = await slowThenQuick((e, r) => {
      if (e.type === "agent-start" && e.agent === "slow") r.cancelAgent();
      if (e.type === "progress" && e.agent === "quick" && e.stage === "predict") r.cancelAgent();
    });
    expect(result.errors.map((e) => [e.agent, e.message])).toEqual([
      ["slow", "cancelled"],
      ["quick", "cancelled"],
    ]);
    expect(result.agents).toEqual([]);
    expect(outputs).toEqual([]);
  });

  it("refuses two agents with one name before any work", async () => {
    const q = await loadPluginFrom(quickEpochs.dir);
    const events: EngineEvent[] = [];
    const agents = [
      { loaded: q, config: {} },
      { loaded: q, config: {} },
    ];
    expect(() => startComparison({ image, imagePath: "x", agents }, (e) => events.push(e))).toThrow(
      "agent quick appears twice in one run; give each a label",
    );
    await expect(runComparison({ image, imagePath: "x", agents })).rejects.toThrow(/appears twice/);
    expect(events).toEqual([]);
  });
});
