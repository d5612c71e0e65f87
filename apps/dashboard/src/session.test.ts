import { rmSync } from "node:fs";
import { type EngineEvent, loadPluginFrom, runComparison } from "@colorize/runtime";
import { syntheticImage, writeFixturePlugin } from "@colorize/runtime/testing";
import { afterAll, describe, expect, it } from "vitest";
import { startSession } from "./session.js";

const quick = writeFixturePlugin({ name: "@colorize/plugin-quick", epochs: 3 });
const slow = writeFixturePlugin({ name: "@colorize/plugin-slow", epochs: 1000, epochMs: 10 });
afterAll(() => {
  rmSync(quick.dir, { recursive: true, force: true });
  rmSync(slow.dir, { recursive: true, force: true });
});

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

describe("startSession", () => {
  const image = syntheticImage(40, 16);

  it("emits exactly the events and scores of the runtime's runComparison", async () => {
    const q = await loadPluginFrom(quick.dir);
    const agents = [
      { loaded: q, config: { epochs: 3 } },
      { loaded: q, config: { epochs: 2, shift: 4 }, label: "shifted" },
    ];
    const mine: EngineEvent[] = [];
    const theirs: EngineEvent[] = [];
    const outputs = new Map<string, Uint8Array>();
    const session = startSession(
      { image, imagePath: "synthetic", agents, k: 4, seed: 7, isolation: "inline" },
      (e) => mine.push(e),
      (name, rgb) => outputs.set(name, rgb),
    );
    const result = await session.done;
    const reference = await runComparison({ image, imagePath: "synthetic", agents, k: 4, seed: 7 }, (e) =>
      theirs.push(e),
    );
    expect(untimed(mine)).toEqual(untimed(theirs));
    expect(result.agents.map((a) => a.metrics)).toEqual(reference.agents.map((a) => a.metrics));
    expect(Buffer.from(outputs.get("shifted")!)).toEqual(Buffer.from(reference.outputs.get("shifted")!));
    expect(mine.filter((e) => e.type === "epoch").map((e) => (e as { epoch: number }).epoch)).toEqual([
      1, 2, 3, 1, 2,
    ]);
  });

  // Worker isolation is what the dashboard uses; it is driven end to end by the tmux test, which runs
  // the built CLI. Here agents run inline, where the same signal cancels them.
  it("cancels only the running agent, then runs the next one", async () => {
    const s = await loadPluginFrom(slow.dir);
    const q = await loadPluginFrom(quick.dir);
    const events: EngineEvent[] = [];
    const outputs: string[] = [];
    const session = startSession(
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
        // Cancel once training is visibly under way on the worker.
        if (e.type === "epoch" && e.agent === "slow" && e.epoch === 2) session.cancelAgent();
      },
      (name) => outputs.push(name),
    );
    const result = await session.done;
    expect(result.errors).toEqual([{ agent: "slow", message: "cancelled", cancelled: true }]);
    expect(result.agents.map((a) => a.name)).toEqual(["quick"]);
    expect(outputs).toEqual(["quick"]);
    const types = events.filter((e) => e.type !== "epoch" && e.type !== "progress").map((e) => e.type);
    expect(types).toEqual([
      "start",
      "split",
      "palette",
      "baseline",
      "baseline",
      "agent-start",
      "error",
      "agent-start",
      "result",
      "done",
    ]);
    expect(session.cancelAgent()).toBeUndefined();
  });

  it("cancelAll stops the running agent and starts no other", async () => {
    const s = await loadPluginFrom(slow.dir);
    const q = await loadPluginFrom(quick.dir);
    const events: EngineEvent[] = [];
    const session = startSession(
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
        if (e.type === "epoch" && e.epoch === 1) session.cancelAll();
      },
    );
    const result = await session.done;
    expect(result.agents).toEqual([]);
    expect(events.filter((e) => e.type === "agent-start")).toHaveLength(1);
    expect(events.at(-1)?.type).toBe("done");
  });

  it("refuses two agents with one name", async () => {
    const q = await loadPluginFrom(quick.dir);
    expect(() =>
      startSession(
        {
          image,
          imagePath: "x",
          agents: [
            { loaded: q, config: {} },
            { loaded: q, config: {} },
          ],
        },
        () => {},
      ),
    ).toThrow(/appears twice/);
  });
});
