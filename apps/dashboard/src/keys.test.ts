import { describe, expect, it } from "vitest";
import { helpText, interpretKey } from "./keys.js";
import { initialState, reduce } from "./reducer.js";
import { initialSetup } from "./setup-form.js";
import { FAKE_PLUGINS } from "./testing/fakes.js";

const setup = initialState(initialSetup(FAKE_PLUGINS, { imagePath: "p.png" }), {
  columns: 80,
  rows: 24,
  colorMode: "none",
  now: 0,
});
const run = reduce(setup, { type: "run-start", agents: ["knn"], at: 0 });

describe("interpretKey on the set-up screen", () => {
  it("moves with arrows and tab, starts with enter on 'start run' or r, quits with q", () => {
    expect(interpretKey(setup, "", { downArrow: true }).actions).toEqual([{ type: "move", delta: 1 }]);
    expect(interpretKey(setup, "", { tab: true, shift: true }).actions).toEqual([
      { type: "move", delta: -1 },
    ]);
    expect(interpretKey(setup, "", { return: true }).command).toBe("start");
    expect(interpretKey(setup, "r", {}).command).toBe("start");
    expect(interpretKey(setup, "q", {}).command).toBe("quit");
  });
  it("starts editing a text field with enter and toggles others", () => {
    const onImage = reduce(setup, { type: "move", delta: 1 });
    expect(interpretKey(onImage, "", { return: true }).actions).toEqual([{ type: "edit-start" }]);
    const onAgent = reduce(onImage, { type: "move", delta: 3 });
    expect(interpretKey(onAgent, "", { return: true }).actions).toEqual([{ type: "toggle", delta: 1 }]);
    expect(interpretKey(onAgent, " ", {}).actions).toEqual([{ type: "toggle", delta: 1 }]);
    expect(interpretKey(onAgent, "", { leftArrow: true }).actions).toEqual([{ type: "toggle", delta: -1 }]);
  });
  it("while editing, letters (q too) are text, and control characters are dropped", () => {
    const editing = reduce(reduce(setup, { type: "move", delta: 1 }), { type: "edit-start" });
    expect(interpretKey(editing, "q", {}).actions).toEqual([{ type: "edit-input", text: "q" }]);
    expect(interpretKey(editing, "a\u0007b", {}).actions).toEqual([{ type: "edit-input", text: "ab" }]);
    expect(interpretKey(editing, "", { escape: true }).actions).toEqual([{ type: "edit-cancel" }]);
    expect(interpretKey(editing, "", { backspace: true }).actions).toEqual([{ type: "edit-backspace" }]);
    expect(interpretKey(editing, "", { return: true }).actions).toEqual([{ type: "edit-commit" }]);
    expect(helpText(editing)).toBe("type a value · enter accept · esc cancel · backspace delete");
  });
});

describe("interpretKey on the run screen", () => {
  it("selects agents, switches panes, and issues save, cancel and quit", () => {
    expect(interpretKey(run, "", { upArrow: true }).actions).toEqual([{ type: "select", delta: -1 }]);
    expect(interpretKey(run, "", { tab: true }).actions).toEqual([{ type: "pane", delta: 1 }]);
    expect(interpretKey(run, "3", {}).actions).toEqual([{ type: "pane", to: "scores" }]);
    expect(interpretKey(run, "", { rightArrow: true }).actions).toEqual([{ type: "pane", delta: 1 }]);
    expect(interpretKey(run, "s", {}).command).toBe("save");
    expect(interpretKey(run, "c", {}).command).toBe("cancel");
    expect(interpretKey(run, "q", {}).command).toBe("quit");
    expect(interpretKey(run, "n", {}).actions).toEqual([{ type: "to-setup" }]);
  });
  it("sorts with arrows and reverses with enter on the scores pane", () => {
    const scores = reduce(run, { type: "pane", to: "scores" });
    expect(interpretKey(scores, "", { leftArrow: true }).actions).toEqual([{ type: "sort", delta: -1 }]);
    expect(interpretKey(scores, "", { return: true }).actions).toEqual([{ type: "sort-reverse" }]);
    expect(helpText(scores)).toBe(
      "1 loss · 2 preview · ←→ sort · enter reverse · s save · c cancel agent · q quit",
    );
  });
});
