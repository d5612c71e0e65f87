import { describe, expect, it } from "vitest";
import type { Agent } from "../agent.js";
import { paintLabels } from "../palette.js";
import { definePlugin, type Plugin } from "../plugin.js";
import {
  ConformanceError,
  checkAbort,
  checkDeterminism,
  checkNoLeak,
  checkRoundTrip,
  runPipeline,
} from "./checks.js";
import { describePlugin } from "./describe-plugin.js";
import { labelModelPlugin, smallModelParams } from "./label-model-plugin.js";
import { firstDifference } from "./received.js";
import { leakyPrepare, peekingPlugin, SIDE_DOORS } from "./side-doors.js";
import { scrambleEqualGray, syntheticImage } from "./synthetic.js";

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

describe("the leak check", () => {
  for (const door of SIDE_DOORS) {
    it(`fails a plugin that reads the right half's colours through a side door (${door})`, async () => {
      const prepare = leakyPrepare(door);
      // The control really leaks: its prediction is the truth when the door is open.
      const image = syntheticImage(24, 12, 3);
      const run = await runPipeline(peekingPlugin, image, { prepare });
      expect(Array.from(run.prediction.rgb)).toEqual(Array.from(run.task.truth));
      const twin = await runPipeline(peekingPlugin, scrambleEqualGray(image, 12, 5), { prepare });
      expect(Array.from(twin.prediction.rgb)).not.toEqual(Array.from(run.prediction.rgb));
      await expect(checkNoLeak(peekingPlugin, { prepare })).rejects.toThrow(/receives a different .*leak/);
    });

    it(`fails the pipeline that offers the side door even to an honest plugin (${door})`, async () => {
      // The reference plugin ignores the door, so its predictions match: only the check of what
      // the agent receives can see the door.
      await expect(checkNoLeak(reference, { prepare: leakyPrepare(door) })).rejects.toThrow(
        door === "source-image"
          ? /receives a different train\.source/
          : /receives a different test\.gray100\.buffer/,
      );
    });
  }

  it("passes the leaking control when the pipeline has no side door", async () => {
    await expect(checkNoLeak(peekingPlugin)).resolves.toBeUndefined();
  });
});

describe("firstDifference", () => {
  it("names the first differing place, reading whole buffers behind views", () => {
    const buffer = Uint8Array.from([1, 2, 3, 4]);
    const other = Uint8Array.from([1, 2, 3, 5]);
    expect(firstDifference({ a: buffer.subarray(0, 2) }, { a: other.subarray(0, 2) })).toBe(".a.buffer");
    expect(firstDifference({ a: buffer.subarray(1, 3) }, { a: Uint8Array.from([2, 3]) })).toBe(
      ".a (its view)",
    );
    expect(firstDifference({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } })).toBe(".b.c.1");
    expect(firstDifference({ a: 1 }, { a: 1, extra: 2 })).toBe(".extra");
    expect(firstDifference({ a: new Float64Array(2) }, { a: new Int32Array(4) })).toBe(
      ".a (Float64Array against Int32Array)",
    );
    const hidden = {};
    Object.defineProperty(hidden, "secret", { value: 1, enumerable: false });
    const hidden2 = {};
    Object.defineProperty(hidden2, "secret", { value: 2, enumerable: false });
    expect(firstDifference(hidden, hidden2)).toBe(".secret");
    const loop: Record<string, unknown> = { x: Uint8Array.from([9]) };
    loop.self = loop;
    const loop2: Record<string, unknown> = { x: Uint8Array.from([9]) };
    loop2.self = loop2;
    expect(firstDifference(loop, loop2)).toBeUndefined();
  });
});
