import type { ColorMode } from "./color-mode.js";
import { foldEvent, newRun } from "./run-reducer.js";
import { SORT_COLUMN_COUNT } from "./score-columns.js";
import { commitText, fieldText, setupFields, textSpec, toggleField } from "./setup-form.js";
import { type Action, type DashboardState, PANES, type SetupState } from "./state.js";

/** The first state: the set-up screen at the given size. */
export function initialState(
  setup: SetupState,
  options: { columns: number; rows: number; colorMode: ColorMode; now: number },
): DashboardState {
  return {
    screen: "setup",
    columns: options.columns,
    rows: options.rows,
    colorMode: options.colorMode,
    now: options.now,
    setup,
    selected: 0,
    pane: "loss",
    sort: { column: 0, reversed: false },
  };
}

const wrap = (i: number, n: number) => (n === 0 ? 0 : ((i % n) + n) % n);

function reduceSetup(state: DashboardState, action: Action): DashboardState {
  const { setup } = state;
  const fields = setupFields(setup);
  const field = fields[Math.min(setup.cursor, fields.length - 1)];
  switch (action.type) {
    case "move":
      return {
        ...state,
        setup: { ...setup, cursor: wrap(setup.cursor + action.delta, fields.length), editing: undefined },
      };
    case "edit-start":
      return textSpec(setup, field)
        ? { ...state, setup: { ...setup, editing: fieldText(setup, field) }, message: undefined }
        : state;
    case "edit-input":
      return setup.editing === undefined
        ? state
        : { ...state, setup: { ...setup, editing: setup.editing + action.text } };
    case "edit-backspace":
      return setup.editing === undefined
        ? state
        : { ...state, setup: { ...setup, editing: [...setup.editing].slice(0, -1).join("") } };
    case "edit-cancel":
      return { ...state, setup: { ...setup, editing: undefined }, message: undefined };
    case "edit-commit": {
      if (setup.editing === undefined) return state;
      try {
        const next = commitText(setup, field, setup.editing);
        return { ...state, setup: { ...next, editing: undefined }, message: undefined };
      } catch (err) {
        // The text stays so it can be corrected; the message says what is wrong.
        return { ...state, message: { text: (err as Error).message, kind: "error" } };
      }
    }
    case "toggle": {
      return { ...state, setup: toggleField(setup, field, action.delta), message: undefined };
    }
    default:
      return state;
  }
}

function reduceRun(state: DashboardState, action: Action): DashboardState {
  const run = state.run;
  if (!run) return state;
  switch (action.type) {
    case "engine": {
      const next = foldEvent(run, action.event, action.at);
      const message =
        action.event.type === "error"
          ? {
              text: `${action.event.agent} ${action.event.cancelled ? "cancelled" : `failed: ${action.event.message}`}`,
              kind: "error" as const,
            }
          : state.message;
      // The selection follows the running agent until the person picks a row.
      const event = action.event;
      const selected =
        event.type === "agent-start" && !state.pinned
          ? next.agents.findIndex((r) => r.name === event.agent)
          : state.selected;
      return {
        ...state,
        run: next,
        message,
        selected: Math.max(0, selected),
        now: Math.max(state.now, action.at),
        // The point of a run is its comparison: once the last agent is done, the scores come to the front.
        pane: event.type === "done" ? "scores" : state.pane,
      };
    }
    case "pictures":
      return { ...state, run: { ...run, original: action.original, gray: action.gray } };
    case "output":
      return { ...state, run: { ...run, outputs: { ...run.outputs, [action.agent]: action.image } } };
    case "select":
      return { ...state, selected: wrap(state.selected + action.delta, run.agents.length), pinned: true };
    case "pane":
      return {
        ...state,
        pane: action.to ?? PANES[wrap(PANES.indexOf(state.pane) + (action.delta ?? 1), PANES.length)],
      };
    case "sort":
      return {
        ...state,
        sort: { column: wrap(state.sort.column + action.delta, SORT_COLUMN_COUNT), reversed: false },
      };
    case "sort-reverse":
      return { ...state, sort: { ...state.sort, reversed: !state.sort.reversed } };
    case "saving":
      return { ...state, saving: true, message: { text: "saving…", kind: "info" } };
    case "saved":
      return {
        ...state,
        saving: false,
        message: {
          text: `saved ${action.files} image${action.files === 1 ? "" : "s"} and results.json in ${action.folder}`,
          kind: "info",
        },
      };
    case "to-setup":
      return run.status === "done"
        ? { ...state, screen: "setup", run: undefined, message: undefined }
        : state;
    default:
      return state;
  }
}

/** The dashboard's one reducer: every change of what is shown goes through here. */
export function reduce(state: DashboardState, action: Action): DashboardState {
  switch (action.type) {
    case "tick":
      return { ...state, now: Math.max(state.now, action.now) };
    case "resize":
      return { ...state, columns: action.columns, rows: action.rows };
    case "message":
      return {
        ...state,
        saving: action.kind === "error" ? false : state.saving,
        message: { text: action.text, kind: action.kind },
      };
    case "run-start":
      return {
        ...state,
        screen: "run",
        run: newRun({
          imagePath: state.setup.imagePath,
          agents: action.agents,
          k: state.setup.k,
          seed: state.setup.seed,
          basic: action.basic,
          at: action.at,
        }),
        selected: 0,
        pinned: false,
        now: Math.max(state.now, action.at),
        message: undefined,
        saving: false,
      };
    default:
      return state.screen === "setup" ? reduceSetup(state, action) : reduceRun(state, action);
  }
}
