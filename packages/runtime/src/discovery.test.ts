import type { Plugin } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { discoverPlugins, findRole, type LoadedPlugin } from "./discovery.js";

const loaded = (name: string, role?: "basic"): LoadedPlugin => ({
  plugin: { meta: { name, role } } as unknown as Plugin,
  name,
  short: name,
  entry: `/plugins/${name}.js`,
});

describe("findRole", () => {
  it("answers the first plugin, in the order given, that declares the role, and nothing when none does", () => {
    const plugins = [loaded("a"), loaded("b", "basic"), loaded("c", "basic")];
    expect(findRole(plugins, "basic")?.name).toBe("b");
    expect(findRole([loaded("a")], "basic")).toBeUndefined();
    expect(findRole([], "basic")).toBeUndefined();
  });
});

describe("discoverPlugins with names", () => {
  it("imports only the plugins the names mean, by short or package name, and all when one names none", async () => {
    const only = await discoverPlugins({ names: ["knn", "@colorize/plugin-logreg"], onProblem: () => {} });
    expect(only.map((p) => p.short)).toEqual(["knn", "logreg"]);
    const all = await discoverPlugins({ onProblem: () => {} });
    expect(all.length).toBeGreaterThan(2);
    const unknown = await discoverPlugins({ names: ["knn", "no-such-agent"], onProblem: () => {} });
    expect(unknown.map((p) => p.short)).toEqual(all.map((p) => p.short));
  });
});
