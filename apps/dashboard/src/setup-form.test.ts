import { describe, expect, it } from "vitest";
import { chosenAgents, commitText, initialSetup, setupFields, toggleField } from "./setup-form.js";
import { FAKE_PLUGINS } from "./testing/fakes.js";

const base = initialSetup(FAKE_PLUGINS, { imagePath: "photo.png" });

describe("setup form", () => {
  it("ticks the first plugin, lists its parameters under it and starts on 'start run'", () => {
    expect(setupFields(base).map((f) => (f.kind === "param" ? `param:${f.name}` : f.kind))).toEqual([
      "image",
      "k",
      "seed",
      "agent",
      "param:neighbours",
      "param:search",
      "agent",
      "start",
    ]);
    expect(base.cursor).toBe(7);
    expect(chosenAgents(base)).toEqual([{ short: "knn", config: { neighbours: 6, search: "auto" } }]);
  });

  it("ticks the agents named on the command line", () => {
    const s = initialSetup(FAKE_PLUGINS, { imagePath: "p.png", enabled: ["mlp"], k: 8, seed: 3 });
    expect(chosenAgents(s).map((a) => a.short)).toEqual(["mlp"]);
    expect([s.k, s.seed]).toEqual([8, 3]);
  });

  it("validates typed values with the plugin's schema and keeps them parsed", () => {
    const on = toggleField(base, { kind: "agent", agent: 1 }, 1);
    const p = (name: string) => ({ kind: "param", agent: 1, name }) as const;
    let s = commitText(on, p("rate"), "0.5");
    s = commitText(s, p("hidden"), "8, 4");
    s = toggleField(s, p("standardize"), 1);
    s = toggleField(s, { kind: "param", agent: 0, name: "search" }, -1);
    expect(chosenAgents(s)).toEqual([
      { short: "knn", config: { neighbours: 6, search: "brute-force" } },
      { short: "mlp", config: { epochs: 20, rate: 0.5, hidden: [8, 4], standardize: false } },
    ]);
    expect(() => commitText(on, p("epochs"), "0")).toThrow("parameter epochs must be >= 1, got 0");
    expect(() => commitText(on, p("epochs"), "2.5")).toThrow("parameter epochs must be an integer, got 2.5");
    expect(() => commitText(on, p("rate"), "fast")).toThrow('parameter rate must be a number, got "fast"');
    expect(() => commitText(base, { kind: "k" }, "256")).toThrow("parameter k must be <= 255, got 256");
    expect(() => commitText(base, { kind: "image" }, "  ")).toThrow("the image path is empty");
    expect(commitText(base, { kind: "seed" }, "-4").seed).toBe(-4);
  });

  it("steps enums both ways, wrapping around", () => {
    const f = { kind: "param", agent: 0, name: "search" } as const;
    const once = toggleField(base, f, 1);
    expect(once.agents[0].values.search).toBe("brute-force");
    expect(toggleField(once, f, 1).agents[0].values.search).toBe("auto");
    expect(toggleField(base, { kind: "k" }, 1)).toBe(base);
  });
});
