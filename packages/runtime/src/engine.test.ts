import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { discoverPlugins, findPlugin, loadPluginFrom } from "./discovery.js";
import { runComparison } from "./engine.js";
import type { EngineEvent } from "./events.js";
import { syntheticImage, writeFixturePlugin } from "./testing/index.js";

const fixture = writeFixturePlugin();
const slow = writeFixturePlugin({ name: "@colorize/plugin-slow", delayMs: 5000 });
afterAll(() => {
  rmSync(fixture.dir, { recursive: true, force: true });
  rmSync(slow.dir, { recursive: true, force: true });
});

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
    expect(types).toEqual([
      "start",
      "split",
      "palette",
      "baseline",
      "baseline",
      "agent-start",
      "result",
      "agent-start",
      "result",
      "done",
    ]);
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
