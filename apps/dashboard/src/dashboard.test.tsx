import type { ComparisonOptions, ComparisonRun, EngineEvent } from "@colorize/runtime";
import { syntheticImage } from "@colorize/runtime/testing";
import { render } from "ink-testing-library";
import { describe, expect, it, vi } from "vitest";
import { Dashboard, type Effects } from "./dashboard.js";
import { initialState } from "./reducer.js";
import { initialSetup } from "./setup-form.js";
import type { RunState } from "./state.js";
import { FAKE_PLUGINS, fakeMetrics, fakeResult } from "./testing/fakes.js";

const DOWN = "\x1b[B";

/** Waits, a few milliseconds at a time and at most 2 s, until `check` passes. */
async function until(check: () => void): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      check();
      return;
    } catch (err) {
      if (i >= 200) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** Effects that record what the dashboard asked for; the test plays the engine. */
function fakeEffects(options: { readFails?: boolean; drawMs?: number } = {}) {
  let emit: ((e: EngineEvent) => void) | undefined;
  let finish: (() => void) | undefined;
  const session: ComparisonRun = {
    cancelAgent: vi.fn(() => "knn"),
    cancelAll: vi.fn(),
    done: new Promise((r) => {
      finish = () =>
        r({
          image: { path: "coffee.png", width: 24, height: 12 },
          task: undefined as never,
          palette: [],
          agents: [],
          outputs: new Map(),
          baselines: undefined as never,
          errors: [],
          seconds: 0,
        });
    }),
  };
  const started: ComparisonOptions[] = [];
  const saved: RunState[] = [];
  const effects: Effects = {
    readImage: async (path) => {
      if (options.readFails) throw new Error(`${path}: no such file`);
      return syntheticImage(24, 12);
    },
    startComparison: (opts, listener) => {
      started.push(opts);
      emit = listener;
      return session;
    },
    save: async (run) => {
      saved.push(run);
      return { folder: "out/coffee-1", files: 1 };
    },
    now: () => 5000,
    tickMs: 0,
    drawMs: options.drawMs ?? 0,
  };
  return { effects, session, started, saved, emit: (e: EngineEvent) => emit?.(e), finish: () => finish?.() };
}

function mount(effects: Effects, enabled = ["knn"]) {
  const initial = initialState(initialSetup(FAKE_PLUGINS, { imagePath: "coffee.png", enabled }), {
    columns: 80,
    rows: 24,
    colorMode: "none",
    now: 5000,
  });
  return render(<Dashboard plugins={FAKE_PLUGINS} initial={initial} effects={effects} />);
}

describe("Dashboard driven by keys", () => {
  it("starts a run with enter, shows engine events, cancels with c, saves with s and quits with q", async () => {
    const fx = fakeEffects();
    const app = mount(fx.effects);
    await until(() => expect(app.lastFrame()).toContain("› ▶ Start run (1 agent)"));
    app.stdin.write("\r");
    await until(() => expect(fx.started).toHaveLength(1));
    expect(fx.started[0]).toMatchObject({ imagePath: "coffee.png", k: 5, seed: 0 });
    expect(fx.started[0].agents.map((a) => [a.loaded.short, a.config])).toEqual([
      ["knn", { neighbours: 6, search: "auto" }],
    ]);

    fx.emit({ type: "start", image: { path: "coffee.png", width: 24, height: 12 } });
    fx.emit({ type: "agent-start", agent: "knn", index: 0, total: 1 });
    fx.emit({ type: "progress", agent: "knn", stage: "search", fraction: 0.5 });
    await until(() => expect(app.lastFrame()).toContain("› knn          ██████▌░░░░░░  50%   search"));

    app.stdin.write("c");
    await until(() => expect(app.lastFrame()).toContain("cancelling knn…"));
    expect(fx.session.cancelAgent).toHaveBeenCalledTimes(1);

    app.stdin.write("s");
    await until(() => expect(app.lastFrame()).toContain("nothing to save yet: no agent has finished"));
    fx.emit({ type: "result", result: fakeResult("knn", fakeMetrics(3), 1) });
    fx.emit({ type: "done", seconds: 1 });
    app.stdin.write("s");
    await until(() => expect(app.lastFrame()).toContain("saved 1 image and results.json in out/coffee-1"));
    expect(fx.saved[0].agents[0].status).toBe("done");

    app.stdin.write("q");
    await until(() => expect(fx.session.cancelAll).toHaveBeenCalled());
    fx.finish();
    app.unmount();
  });

  it("stays on the set-up screen with a one-line reason when the image cannot be read", async () => {
    const fx = fakeEffects({ readFails: true });
    const app = mount(fx.effects);
    await until(() => expect(app.lastFrame()).toContain("Start run"));
    app.stdin.write("r");
    await until(() => expect(app.lastFrame()).toContain("coffee.png: no such file"));
    expect(fx.started).toHaveLength(0);
    expect(app.lastFrame()).toContain("colorize dashboard · set up a run");
    app.unmount();
  });

  it("refuses to start with no agent ticked", async () => {
    const fx = fakeEffects();
    const app = mount(fx.effects);
    await until(() => expect(app.lastFrame()).toContain("Start run"));
    // From "start run", down wraps to the image field; three more reach the knn tick box.
    for (const key of [DOWN, DOWN, DOWN, DOWN, " "]) app.stdin.write(key);
    await until(() => expect(app.lastFrame()).toContain("› [ ] knn"));
    app.stdin.write("r");
    await until(() => expect(app.lastFrame()).toContain("tick at least one agent (space) before starting"));
    expect(fx.started).toHaveLength(0);
    app.unmount();
  });

  it("edits a parameter by typing and runs with the new value", async () => {
    const fx = fakeEffects();
    const app = mount(fx.effects);
    await until(() => expect(app.lastFrame()).toContain("Start run"));
    for (const key of [DOWN, DOWN, DOWN, DOWN, DOWN]) app.stdin.write(key);
    await until(() => expect(app.lastFrame()).toContain("›       neighbours"));
    app.stdin.write("\r");
    await until(() => expect(app.lastFrame()).toContain("type a value"));
    app.stdin.write("\x7f");
    app.stdin.write("9");
    app.stdin.write("\r");
    await until(() => expect(app.lastFrame()).toContain("neighbours     9 "));
    app.stdin.write("r");
    await until(() => expect(fx.started).toHaveLength(1));
    expect(fx.started[0].agents[0].config).toEqual({ neighbours: 9, search: "auto" });
    app.unmount();
  });

  it("folds progress events as they come but leaves drawing them to the throttle", async () => {
    // A throttle longer than the test: only events that are not progress draw.
    const fx = fakeEffects({ drawMs: 60_000 });
    const app = mount(fx.effects);
    await until(() => expect(app.lastFrame()).toContain("Start run"));
    app.stdin.write("\r");
    await until(() => expect(fx.started).toHaveLength(1));
    fx.emit({ type: "agent-start", agent: "knn", index: 0, total: 1 });
    await until(() => expect(app.lastFrame()).toContain("› knn"));
    const before = app.frames.length;
    // Each event in its own macrotask, as worker messages arrive.
    for (let i = 1; i <= 50; i++) {
      fx.emit({ type: "progress", agent: "knn", stage: "search", fraction: i / 50 });
      await new Promise((r) => setImmediate(r));
    }
    expect(app.frames.slice(before).some((f) => /knn .*search/.test(f))).toBe(false);
    fx.emit({ type: "result", result: fakeResult("knn", fakeMetrics(3), 1) });
    await until(() => expect(app.lastFrame()).toMatch(/knn +█+ 100% .* done/));
    app.unmount();
  });
});
