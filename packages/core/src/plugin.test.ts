import { describe, expect, it } from "vitest";
import type { Agent, AgentSnapshot } from "./agent.js";
import type { ParamSchema } from "./params.js";
import { agentFactory, PluginError } from "./plugin.js";

const params: ParamSchema = { size: { type: "integer", default: 3, min: 1, max: 9, description: "a size" } };

function factory(version?: string) {
  const made: { config: unknown; state: unknown }[] = [];
  const make = (config: unknown, state?: unknown): Agent => {
    made.push({ config, state });
    return {} as Agent;
  };
  return { made, pair: agentFactory("@colorize/plugin-test", params, make, version) };
}

const snapshot = (version: string, plugin = "@colorize/plugin-test"): AgentSnapshot => ({
  plugin,
  version,
  config: { size: 5 },
  state: { saved: true },
});

describe("agentFactory", () => {
  it("creates from a parsed configuration, defaults filled in", () => {
    const { made, pair } = factory("1.2.0");
    pair.create({});
    expect(made[0].config).toEqual({ size: 3 });
  });

  it("restores a snapshot of the same plugin and major.minor version, patch releases included", () => {
    const { made, pair } = factory("1.2.3");
    pair.restore(snapshot("1.2.0"));
    expect(made[0]).toEqual({ config: { size: 5 }, state: { saved: true } });
  });

  it("refuses another plugin's snapshot and another major.minor version", () => {
    const { pair } = factory("0.2.0");
    expect(() => pair.restore(snapshot("0.2.0", "@colorize/plugin-other"))).toThrow(
      "snapshot is of @colorize/plugin-other, not @colorize/plugin-test",
    );
    expect(() => pair.restore(snapshot("0.1.0"))).toThrow(PluginError);
    expect(() => pair.restore(snapshot("0.1.0"))).toThrow(
      "snapshot is of @colorize/plugin-test 0.1.0, which this version (0.2.0) cannot restore; fit the agent again",
    );
  });

  it("checks no version when the plugin gives none", () => {
    const { made, pair } = factory();
    pair.restore(snapshot("9.9.9"));
    expect(made).toHaveLength(1);
  });
});
