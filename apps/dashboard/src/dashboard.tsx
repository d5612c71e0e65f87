import { composeOutput, grayToRgb, type RgbImage, toGray } from "@colorize/core";
import {
  type ComparisonOptions,
  type ComparisonRun,
  type EngineListener,
  findRole,
  type LoadedPlugin,
  type OutputListener,
} from "@colorize/runtime";
import { useApp, useInput, useStdout } from "ink";
import { useCallback, useEffect, useRef, useState } from "react";
import { DashboardView } from "./components/dashboard-view.js";
import { type Command, interpretKey } from "./keys.js";
import { reduce } from "./reducer.js";
import { chosenAgents } from "./setup-form.js";
import type { Action, DashboardState, RunState } from "./state.js";

/** The dashboard's side effects, injected so tests can drive the container without disk or workers. */
export interface Effects {
  readImage(path: string): Promise<RgbImage>;
  /** The runtime's `startComparison`: the engine's one agent loop, with per-agent cancelling. */
  startComparison(options: ComparisonOptions, emit: EngineListener, onOutput: OutputListener): ComparisonRun;
  save(run: RunState): Promise<{ folder: string; files: number }>;
  /** Clock in ms. */
  now(): number;
  /** Milliseconds between clock ticks while a run goes on (0: no ticks). */
  readonly tickMs: number;
  /** Least milliseconds between two drawings caused by progress and epoch events (0: draw each). */
  readonly drawMs: number;
}

/**
 * How much less often progress and the clock redraw: the pictures of the preview pane cost the
 * terminal renderer about ten times a plain pane (every colour escape is parsed on every frame).
 */
function slowdown(state: DashboardState): number {
  return state.screen === "run" && state.pane === "preview" ? 10 : 1;
}

/**
 * The dashboard: folds key presses and engine events into the state with {@link reduce} and draws
 * {@link DashboardView}. Side effects (reading the image, running agents, saving) go through `effects`.
 */
export function Dashboard(props: {
  plugins: readonly LoadedPlugin[];
  initial: DashboardState;
  effects: Effects;
}) {
  const { plugins, effects } = props;
  // The reducer runs at dispatch, not at render: a key pressed right after an event sees that event.
  const stateRef = useRef(props.initial);
  const [state, setState] = useState(props.initial);
  // Progress and epoch events can come thousands of times a second; they are folded at once but
  // drawn at most every `drawMs`, so drawing never competes with training for the processor.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dispatch = useCallback(
    (action: Action) => {
      stateRef.current = reduce(stateRef.current, action);
      const frequent =
        action.type === "engine" && (action.event.type === "progress" || action.event.type === "epoch");
      if (frequent && effects.drawMs > 0) {
        pending.current ??= setTimeout(() => {
          pending.current = undefined;
          setState(stateRef.current);
        }, effects.drawMs * slowdown(stateRef.current));
        return;
      }
      if (pending.current) clearTimeout(pending.current);
      pending.current = undefined;
      setState(stateRef.current);
    },
    [effects],
  );
  useEffect(() => () => clearTimeout(pending.current), []);
  const comparison = useRef<ComparisonRun | undefined>(undefined);
  const { exit } = useApp();
  const { stdout } = useStdout();

  useEffect(() => {
    const onResize = () =>
      dispatch({ type: "resize", columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);

  const running = state.run?.status === "running";
  useEffect(() => {
    if (!running || effects.tickMs <= 0) return;
    const every = effects.tickMs * slowdown(stateRef.current);
    const timer = setInterval(() => dispatch({ type: "tick", now: effects.now() }), every);
    return () => clearInterval(timer);
  }, [running, effects, dispatch, state.pane]);

  // Quitting, Ctrl-C included, stops the worker: nothing runs on after the window is gone.
  useEffect(() => () => comparison.current?.cancelAll(), []);

  const start = useCallback(async () => {
    const { setup } = stateRef.current;
    const chosen = chosenAgents(setup);
    if (chosen.length === 0) {
      dispatch({ type: "message", text: "tick at least one agent (space) before starting", kind: "error" });
      return;
    }
    let image: RgbImage;
    try {
      image = await effects.readImage(setup.imagePath);
    } catch (err) {
      dispatch({ type: "message", text: (err as Error).message.split("\n")[0], kind: "error" });
      return;
    }
    const agents = chosen.map((c) => ({
      loaded: plugins.find((p) => p.short === c.short)!,
      config: c.config,
    }));
    const basic = findRole(
      agents.map((a) => a.loaded),
      "basic",
    )?.short;
    dispatch({ type: "run-start", agents: chosen.map((c) => c.short), basic, at: effects.now() });
    dispatch({ type: "pictures", original: image, gray: grayToRgb(toGray(image)) });
    try {
      // Agents train on worker threads, so this thread keeps drawing.
      const s = effects.startComparison(
        { image, imagePath: setup.imagePath, agents, k: setup.k, seed: setup.seed, isolation: "worker" },
        (event) => dispatch({ type: "engine", event, at: effects.now() }),
        (agent, rgb, task) => dispatch({ type: "output", agent, image: composeOutput(task, rgb) }),
      );
      comparison.current = s;
      s.done.catch((err: Error) => {
        dispatch({ type: "engine", event: { type: "done", seconds: 0 }, at: effects.now() });
        dispatch({ type: "message", text: `the run stopped: ${err.message.split("\n")[0]}`, kind: "error" });
      });
    } catch (err) {
      dispatch({ type: "message", text: (err as Error).message.split("\n")[0], kind: "error" });
    }
  }, [effects, plugins]);

  const save = useCallback(async () => {
    const { run, saving } = stateRef.current;
    if (!run || saving) return;
    if (!run.agents.some((r) => r.status === "done")) {
      dispatch({ type: "message", text: "nothing to save yet: no agent has finished", kind: "error" });
      return;
    }
    dispatch({ type: "saving" });
    try {
      const { folder, files } = await effects.save(run);
      dispatch({ type: "saved", folder, files });
    } catch (err) {
      dispatch({
        type: "message",
        text: `not saved: ${(err as Error).message.split("\n")[0]}`,
        kind: "error",
      });
    }
  }, [effects]);

  const perform = (command: Command) => {
    switch (command) {
      case "start":
        void start();
        break;
      case "save":
        void save();
        break;
      case "cancel": {
        const name = comparison.current?.cancelAgent();
        dispatch({
          type: "message",
          text: name ? `cancelling ${name}…` : "no agent is running",
          kind: name ? "info" : "error",
        });
        break;
      }
      case "quit":
        comparison.current?.cancelAll();
        exit();
        break;
    }
  };

  useInput((input, key) => {
    const meaning = interpretKey(stateRef.current, input, key);
    for (const action of meaning.actions) dispatch(action as Action);
    if (meaning.command) perform(meaning.command);
  });

  return <DashboardView state={state} />;
}
