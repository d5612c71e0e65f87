import { describe, expect, it } from "vitest";
import type { Agent, AgentSnapshot } from "./agent.js";
import type { ParamSchema } from "./params.js";
import { agentFactory, definePlugin, type Plugin, PluginError } from "./plugin.js";

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

describe("definePlugin: roles and studies", () => {
  const study = {
    param: "size",
    sweep: [1, 3, 5],
    prepare: async () => () => new Uint8Array(0),
  };
  const plugin = (extra: { role?: unknown; study?: unknown; ahead?: unknown; warm?: unknown }) =>
    ({
      meta: {
        name: "@colorize/plugin-test",
        version: "1.0.0",
        kind: "agent",
        description: { summary: "a test" },
        ...(extra.role === undefined ? {} : { role: extra.role }),
      },
      capabilities: { output: "label", backends: ["js"], gradients: false, iterative: false },
      params,
      ...(extra.study === undefined ? {} : { study: extra.study }),
      ...(extra.ahead === undefined ? {} : { ahead: extra.ahead }),
      ...(extra.warm === undefined ? {} : { warm: extra.warm }),
      create: () => ({}) as Agent,
      restore: () => ({}) as Agent,
    }) as unknown as Plugin;

  it("accepts no role, a basic agent with its study, and a study without a role", () => {
    expect(definePlugin(plugin({})).meta.role).toBeUndefined();
    expect(definePlugin(plugin({ role: "basic", study })).study?.param).toBe("size");
    expect(definePlugin(plugin({ study })).meta.role).toBeUndefined();
  });

  it("refuses an unknown role, a basic agent without a study, and a study that does not fit the schema", () => {
    const cases: [Parameters<typeof plugin>[0], string][] = [
      [{ role: "teacher" }, 'plugin @colorize/plugin-test: meta.role must be one of "basic", got "teacher"'],
      [
        { role: "basic" },
        'plugin @colorize/plugin-test: meta.role "basic" needs a study (the k study and the default sweep ask it)',
      ],
      [
        { study: { ...study, prepare: undefined } },
        "plugin @colorize/plugin-test: study.prepare must be a function",
      ],
      [
        { study: { ...study, param: "nope" } },
        'plugin @colorize/plugin-test: study.param must name an integer parameter, got "nope"',
      ],
      [
        { study: { ...study, sweep: [] } },
        "plugin @colorize/plugin-test: study.sweep must list at least one value",
      ],
      [
        { study: { ...study, sweep: [1, "3"] } },
        'plugin @colorize/plugin-test: study.sweep values must be numbers, got "3"',
      ],
      [
        { study: { ...study, sweep: [1, 12] } },
        "plugin @colorize/plugin-test: study.sweep: parameter size must be <= 9, got 12",
      ],
      [{ ahead: "soon" }, "plugin @colorize/plugin-test: ahead must be a function when present"],
      [{ warm: 1 }, "plugin @colorize/plugin-test: warm must be a function when present"],
    ];
    for (const [extra, message] of cases) {
      expect(() => definePlugin(plugin(extra)), message).toThrow(PluginError);
      expect(() => definePlugin(plugin(extra))).toThrow(message);
    }
  });
});
