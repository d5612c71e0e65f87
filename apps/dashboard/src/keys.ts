import { setupFields } from "./setup-form.js";
import type { Action, DashboardState } from "./state.js";

/** The keys the dashboard reads: the subset of Ink's `Key` it needs. */
export interface KeyPress {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly shift?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
}

/** What a key asks for beyond a state change: side effects the container carries out. */
export type Command = "start" | "save" | "cancel" | "quit";

/** A key's meaning in a state: actions for the reducer and at most one command. */
export interface KeyMeaning {
  readonly actions: Action[];
  readonly command?: Command;
}

const none: KeyMeaning = { actions: [] };
const act = (...actions: Action[]): KeyMeaning => ({ actions });

function setupKey(state: DashboardState, input: string, key: KeyPress): KeyMeaning {
  const { setup } = state;
  if (setup.editing !== undefined) {
    if (key.return) return act({ type: "edit-commit" });
    if (key.escape) return act({ type: "edit-cancel" });
    if (key.backspace || key.delete) return act({ type: "edit-backspace" });
    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow)
      return none;
    // Pasted text arrives as one input; control characters never belong in a field.
    const text = [...input].filter((ch) => ch >= " " && ch !== "\u007f").join("");
    return text ? act({ type: "edit-input", text }) : none;
  }
  if (key.upArrow || (key.tab && key.shift)) return act({ type: "move", delta: -1 });
  if (key.downArrow || key.tab) return act({ type: "move", delta: 1 });
  if (key.leftArrow) return act({ type: "toggle", delta: -1 });
  if (key.rightArrow) return act({ type: "toggle", delta: 1 });
  if (input === "q" || key.escape) return { actions: [], command: "quit" };
  if (input === "r") return { actions: [], command: "start" };
  const fields = setupFields(setup);
  const field = fields[Math.min(setup.cursor, fields.length - 1)];
  if (input === " ") return act({ type: "toggle", delta: 1 });
  if (key.return) {
    if (field.kind === "start") return { actions: [], command: "start" };
    if (field.kind === "agent") return act({ type: "toggle", delta: 1 });
    if (field.kind === "param") {
      const spec = setup.agents[field.agent].schema[field.name];
      if (spec.type === "boolean" || spec.type === "enum") return act({ type: "toggle", delta: 1 });
    }
    return act({ type: "edit-start" });
  }
  return none;
}

function runKey(state: DashboardState, input: string, key: KeyPress): KeyMeaning {
  if (input === "q" || key.escape) return { actions: [], command: "quit" };
  if (key.upArrow) return act({ type: "select", delta: -1 });
  if (key.downArrow) return act({ type: "select", delta: 1 });
  if (key.tab) return act({ type: "pane", delta: key.shift ? -1 : 1 });
  if (input === "1") return act({ type: "pane", to: "loss" });
  if (input === "2") return act({ type: "pane", to: "preview" });
  if (input === "3") return act({ type: "pane", to: "scores" });
  if (state.pane === "scores") {
    if (key.leftArrow) return act({ type: "sort", delta: -1 });
    if (key.rightArrow) return act({ type: "sort", delta: 1 });
    if (key.return) return act({ type: "sort-reverse" });
  } else {
    if (key.leftArrow) return act({ type: "pane", delta: -1 });
    if (key.rightArrow) return act({ type: "pane", delta: 1 });
  }
  if (input === "s") return { actions: [], command: "save" };
  if (input === "c") return { actions: [], command: "cancel" };
  if (input === "n") return act({ type: "to-setup" });
  return none;
}

/** What a key press means on the current screen. Pure, so every binding is tested without a terminal. */
export function interpretKey(state: DashboardState, input: string, key: KeyPress): KeyMeaning {
  return state.screen === "setup" ? setupKey(state, input, key) : runKey(state, input, key);
}

/** The help line of the current screen: always one line, always shown. */
export function helpText(state: DashboardState): string {
  if (state.screen === "setup") {
    return state.setup.editing !== undefined
      ? "type a value · enter accept · esc cancel · backspace delete"
      : "↑↓/tab move · enter edit/select · space toggle · ←→ change · r run · q quit";
  }
  const running = state.run?.status === "running";
  const end = `s save · ${running ? "c cancel agent" : "n new run"} · q quit`;
  // On the scores pane the arrows sort, so the keys of the other panes are named.
  return state.pane === "scores"
    ? `1 loss · 2 preview · ←→ sort · enter reverse · ${end}`
    : `↑↓ agent · ←→/tab pane · ${end}`;
}
