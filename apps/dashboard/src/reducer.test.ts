import type { EngineEvent } from "@colorize/runtime";
import { describe, expect, it } from "vitest";
import { initialState, reduce } from "./reducer.js";
import { initialSetup } from "./setup-form.js";
import type { Action, DashboardState } from "./state.js";
import { FAKE_PLUGINS, fakeMetrics, fakeResult } from "./testing/fakes.js";

const start = () =>
  initialState(initialSetup(FAKE_PLUGINS, { imagePath: "photo.png", enabled: ["knn", "mlp"] }), {
    columns: 80,
    rows: 24,
    colorMode: "none",
    now: 1000,
  });
const fold = (s: DashboardState, actions: Action[]) => actions.reduce(reduce, s);
const ev = (event: EngineEvent, at: number): Action => ({ type: "engine", event, at });

describe("reduce: engine events", () => {
  const running = fold(start(), [
    { type: "run-start", agents: ["knn", "mlp"], at: 1000 },
    ev({ type: "start", image: { path: "photo.png", width: 40, height: 16 } }, 1001),
    ev({ type: "split", column: 20, trainWidth: 20, testWidth: 20, validationColumns: 2 }, 1002),
    ev({ type: "agent-start", agent: "knn", index: 0, total: 2 }, 1100),
    ev({ type: "progress", agent: "knn", stage: "search", fraction: 0.25 }, 1200),
  ]);

  it("opens the run screen with one queued row per agent and follows the running one", () => {
    expect(running.screen).toBe("run");
    expect(running.run?.split?.column).toBe(20);
    expect(running.run?.agents.map((r) => [r.name, r.status, r.fraction, r.stage])).toEqual([
      ["knn", "running", 0.25, "search"],
      ["mlp", "queued", 0, undefined],
    ]);
    expect(running.selected).toBe(0);
    expect(running.now).toBe(1200);
  });

  it("records epochs, losses and the validation metric; epochs set the fraction from then on", () => {
    const s = fold(running, [
      ev({ type: "result", result: fakeResult("knn", fakeMetrics(2), 0.1) }, 1300),
      ev({ type: "agent-start", agent: "mlp", index: 1, total: 2 }, 1400),
      ev(
        {
          type: "epoch",
          agent: "mlp",
          epoch: 1,
          epochs: 4,
          trainLoss: 0.9,
          validLoss: 1.1,
          validMetric: 12,
          metric: "ΔE00",
        },
        1500,
      ),
      ev({ type: "epoch", agent: "mlp", epoch: 2, epochs: 4, trainLoss: 0.5 }, 1600),
      ev({ type: "progress", agent: "mlp", stage: "predict", fraction: 0.1 }, 1650),
    ]);
    const mlp = s.run!.agents[1];
    expect(s.selected).toBe(1);
    expect([mlp.fraction, mlp.epoch, mlp.trainLoss, mlp.validMetric, mlp.metric, mlp.stage]).toEqual([
      0.5,
      2,
      0.5,
      12,
      "ΔE00",
      "predict",
    ]);
    expect(mlp.trainLosses).toEqual([0.9, 0.5]);
    expect(mlp.validLosses).toEqual([1.1]);
    expect(s.run!.agents[0]).toMatchObject({ status: "done", fraction: 1, startedAt: 1100, endedAt: 1300 });
  });

  it("keeps a row the person picked instead of following the next agent", () => {
    const s = fold(running, [
      { type: "select", delta: 1 },
      { type: "select", delta: 1 },
      ev({ type: "agent-start", agent: "mlp", index: 1, total: 2 }, 1400),
    ]);
    expect([s.selected, s.pinned]).toEqual([0, true]);
  });

  it("marks cancelled and failed agents, says so, and allows a new run only when done", () => {
    const s = fold(running, [
      ev({ type: "error", agent: "knn", message: "cancelled", cancelled: true }, 1300),
      ev({ type: "agent-start", agent: "mlp", index: 1, total: 2 }, 1400),
      ev({ type: "error", agent: "mlp", message: "out of memory", cancelled: false }, 1500),
    ]);
    expect(s.run!.agents.map((r) => r.status)).toEqual(["cancelled", "failed"]);
    expect(s.message).toEqual({ text: "mlp failed: out of memory", kind: "error" });
    expect(reduce(s, { type: "to-setup" })).toBe(s);
    const done = fold(s, [ev({ type: "done", seconds: 0.5 }, 1600), { type: "to-setup" }]);
    expect([done.screen, done.run]).toEqual(["setup", undefined]);
  });

  it("brings the scores pane to the front when the last agent is done, and remembers the basic agent", () => {
    const started = reduce(start(), { type: "run-start", agents: ["knn", "mlp"], basic: "knn", at: 1000 });
    expect(started.run!.basic).toBe("knn");
    const s = fold({ ...running, pane: "preview" }, [
      ev({ type: "result", result: fakeResult("knn", fakeMetrics(2), 0.1) }, 1300),
      ev({ type: "agent-start", agent: "mlp", index: 1, total: 2 }, 1400),
    ]);
    expect(s.pane).toBe("preview");
    expect(reduce(s, ev({ type: "done", seconds: 0.5 }, 1600)).pane).toBe("scores");
  });

  it("gives an unannounced agent a row rather than dropping its events", () => {
    const s = reduce(running, ev({ type: "agent-start", agent: "extra", index: 2, total: 3 }, 1500));
    expect(s.run!.agents.map((r) => r.name)).toEqual(["knn", "mlp", "extra"]);
  });
});

describe("reduce: interface actions", () => {
  it("edits a field: typed text, backspace, a refused value keeps the text and says why", () => {
    // 12 fields with both agents ticked; the cursor starts on the last, "start run".
    const onK = fold(start(), [{ type: "move", delta: -10 }, { type: "edit-start" }]);
    expect([onK.setup.cursor, onK.setup.editing]).toEqual([1, "5"]);
    const refused = fold(onK, [
      { type: "edit-backspace" },
      { type: "edit-input", text: "300" },
      { type: "edit-commit" },
    ]);
    expect(refused.setup.editing).toBe("300");
    expect(refused.setup.k).toBe(5);
    expect(refused.message).toEqual({ text: "parameter k must be <= 255, got 300", kind: "error" });
    const fixed = fold(refused, [
      { type: "edit-cancel" },
      { type: "edit-start" },
      { type: "edit-backspace" },
      { type: "edit-input", text: "8" },
      { type: "edit-commit" },
    ]);
    expect([fixed.setup.k, fixed.setup.editing, fixed.message]).toEqual([8, undefined, undefined]);
  });

  it("does not edit fields that toggle, and wraps the cursor around", () => {
    const onAgent = fold(start(), [{ type: "move", delta: -8 }]);
    expect(onAgent.setup.cursor).toBe(3);
    expect(reduce(onAgent, { type: "edit-start" })).toBe(onAgent);
    const off = reduce(onAgent, { type: "toggle", delta: 1 });
    expect(off.setup.agents[0].enabled).toBe(false);
    expect(reduce(start(), { type: "move", delta: 1 }).setup.cursor).toBe(0);
  });

  it("switches panes, sort columns and direction; resizes", () => {
    const s = fold(start(), [
      { type: "run-start", agents: ["knn"], at: 0 },
      { type: "pane", delta: -1 },
      { type: "sort", delta: -1 },
      { type: "sort-reverse" },
      { type: "resize", columns: 120, rows: 40 },
    ]);
    expect([s.pane, s.sort, s.columns, s.rows]).toEqual(["scores", { column: 8, reversed: true }, 120, 40]);
    expect(reduce(s, { type: "pane", to: "preview" }).pane).toBe("preview");
  });

  it("reports a save in progress and where it went", () => {
    const s = fold(start(), [{ type: "run-start", agents: ["knn"], at: 0 }, { type: "saving" }]);
    expect(s.saving).toBe(true);
    const saved = reduce(s, { type: "saved", folder: "out/photo-1", files: 2 });
    expect([saved.saving, saved.message?.text]).toEqual([
      false,
      "saved 2 images and results.json in out/photo-1",
    ]);
  });
});
