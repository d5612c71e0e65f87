import type { Plugin } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { findRole, type LoadedPlugin } from "./discovery.js";

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
