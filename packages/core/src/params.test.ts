import { describe, expect, it } from "vitest";
import { ConfigError, defaultsOf, type ParamSchema, parseConfig } from "./params.js";

const schema: ParamSchema = {
  n: { type: "integer", default: 6, min: 1, max: 64, description: "neighbours" },
  lr: { type: "number", default: 0.01, min: 0, description: "learning rate" },
  on: { type: "boolean", default: true, description: "switch" },
  act: { type: "enum", values: ["relu", "tanh"], default: "relu", description: "activation" },
  hidden: { type: "integer-list", default: [32, 16], min: 1, maxLength: 4, description: "widths" },
};

describe("parseConfig", () => {
  it("fills defaults and parses strings as typed on a command line", () => {
    expect(defaultsOf(schema)).toEqual({ n: 6, lr: 0.01, on: true, act: "relu", hidden: [32, 16] });
    expect(parseConfig(schema, { n: "8", lr: "0.5", on: "false", act: "tanh", hidden: "64,8,4" })).toEqual({
      n: 8,
      lr: 0.5,
      on: false,
      act: "tanh",
      hidden: [64, 8, 4],
    });
  });
  it("refuses bad values with one-line messages", () => {
    expect(() => parseConfig(schema, { n: "2.5" })).toThrow("parameter n must be an integer, got 2.5");
    expect(() => parseConfig(schema, { n: 0 })).toThrow("parameter n must be >= 1, got 0");
    expect(() => parseConfig(schema, { act: "gelu" })).toThrow("parameter act must be one of relu, tanh");
    expect(() => parseConfig(schema, { on: "maybe" })).toThrow(ConfigError);
    expect(() => parseConfig(schema, { hidden: "1,2,3,4,5" })).toThrow("takes at most 4 values");
    expect(() => parseConfig(schema, { size: 3 })).toThrow(
      "unknown parameter size (known: n, lr, on, act, hidden)",
    );
  });
});
