import { describe, expect, it } from "vitest";
import type { Agent } from "../agent.js";
import { paintLabels } from "../palette.js";
import { definePlugin, type Plugin } from "../plugin.js";
import { ConformanceError, checkAbort, checkDeterminism, checkNoLeak, checkRoundTrip } from "./checks.js";
import { describePlugin } from "./describe-plugin.js";
import { labelModelPlugin, smallModelParams } from "./label-model-plugin.js";

const reference: Plugin = labelModelPlugin(
  "@colorize/plugin-reference",
  smallModelParams(),
  "a small softmax MLP",
);

describePlugin(reference);

/** A plugin that misbehaves in a chosen way, to show each check can fail. */
function broken(flaw: "counter" | "no-abort" | "bad-restore"): Plugin {
  let runs = 0;
  const make = (): Agent => {
    let labels: Uint8Array | undefined;
    let palette: { size: number; colors: Uint8Array } | undefined;
    return {
      async fit(train, ctx) {
        if (flaw !== "no-abort" && ctx.signal?.aborted) throw new Error("stopped");
        palette = train.palette;
        runs++;
        ctx.onProgress?.({ type: "stage", stage: "fit", fraction: 1 });
        return {};
      },
      async predict(test) {
        labels = new Uint8Array(test.width * test.height).fill(flaw === "counter" ? runs % 2 : 0);
        return { rgb: paintLabels(palette!, labels), labels, backend: "js" };
      },
      toJSON: () => ({ plugin: "@colorize/plugin-broken", version: "0.0.0", config: {}, state: null }),
    };
  };
  return definePlugin({
    meta: {
      name: "@colorize/plugin-broken",
      version: "0.0.0",
      kind: "agent",
      description: { summary: "broken" },
    },
    capabilities: { output: "label", backends: ["js"], gradients: false, iterative: false },
    params: {},
    create: make,
    restore: () => {
      const a = make();
      return { ...a, predict: async () => ({ rgb: new Uint8Array(0), backend: "js" }) };
    },
  });
}

describe("the conformance checks", () => {
  it("catch an agent whose output changes between identical runs", async () => {
    await expect(checkDeterminism(broken("counter"))).rejects.toBeInstanceOf(ConformanceError);
    await expect(checkNoLeak(broken("counter"))).rejects.toThrow(/leak/);
  });
  it("catch an agent that ignores its AbortSignal or throws something else", async () => {
    await expect(checkAbort(broken("no-abort"))).rejects.toThrow(/AbortError/);
    await expect(checkAbort(broken("counter"))).rejects.toThrow(/AbortError/);
  });
  it("catch a restore that predicts differently", async () => {
    await expect(checkRoundTrip(broken("bad-restore"))).rejects.toThrow(/restored/);
  });
});
