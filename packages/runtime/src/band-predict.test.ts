import { type Agent, createRng, toGray } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { BAND_HALO, BAND_PIXELS, columnBands, predictInBands } from "./band-predict.js";
import { discoverPlugins } from "./discovery.js";
import { syntheticImage } from "./testing/index.js";
import { trainAgent, trainingTask } from "./train-agent.js";

const plugins = await discoverPlugins({ onProblem: () => {} });
const ctx = () => ({ seed: 0, rng: createRng(0) });

describe("columnBands", () => {
  it("is one band within the budget, else kept ranges that tile the width with clipped halos", () => {
    expect(columnBands(100, 10, { bandPixels: 1000 })).toEqual([{ x0: 0, x1: 100, e0: 0, e1: 100 }]);
    const bands = columnBands(100, 10, { bandPixels: 300, halo: 4 });
    // 300 / 10 = 30 columns a band, 22 of them kept.
    expect(bands.map((b) => [b.x0, b.x1])).toEqual([
      [0, 22],
      [22, 44],
      [44, 66],
      [66, 88],
      [88, 100],
    ]);
    expect(bands[0]).toMatchObject({ e0: 0, e1: 26 });
    expect(bands[4]).toMatchObject({ e0: 84, e1: 100 });
    // A band keeps at least as many columns as its halo, and never fewer than 16.
    expect(columnBands(100, 10, { bandPixels: 20, halo: 2 })[0]).toMatchObject({ x0: 0, x1: 16 });
    expect(() => columnBands(10, 10, { halo: -1 })).toThrow(RangeError);
  });

  it("cuts a 12 MP photograph (4032x3024) into four bands of at most BAND_PIXELS pixels, halo included", () => {
    const bands = columnBands(4032, 3024);
    expect(bands).toHaveLength(4);
    for (const b of bands) expect((b.e1 - b.e0) * 3024).toBeLessThanOrEqual(BAND_PIXELS);
    expect(bands.map((b) => b.x1 - b.x0).reduce((a, w) => a + w, 0)).toBe(4032);
    expect(bands[1].e0).toBe(bands[1].x0 - BAND_HALO);
  });
});

describe("predictInBands", () => {
  const reference = syntheticImage(40, 24, 5);
  const target = toGray(syntheticImage(150, 24, 6));

  for (const loaded of plugins) {
    it(`gives ${loaded.short}'s prediction of one call, in bands of any width`, async () => {
      const { agent } = await trainAgent(loaded, trainingTask(reference, { k: 4, seed: 0 }), { seed: 0 });
      const whole = await predictInBands(agent, target, ctx(), 4);
      expect(whole.bands).toBe(1);
      for (const bandPixels of [24 * 40, 24 * 90]) {
        const banded = await predictInBands(agent, target, ctx(), 4, { bandPixels, halo: 24 });
        expect(banded.bands).toBeGreaterThan(1);
        expect(Buffer.from(banded.rgb).equals(Buffer.from(whole.rgb))).toBe(true);
        expect(banded.labels).toEqual(whole.labels);
      }
    });
  }

  it("a halo too narrow for the agent's reach changes the basic agent's labels at band edges", async () => {
    const basic = plugins.find((p) => p.plugin.meta.role === "basic")!;
    const { agent } = await trainAgent(basic, trainingTask(reference, { k: 4, seed: 0 }), { seed: 0 });
    const whole = await predictInBands(agent, target, ctx(), 4);
    const cut = await predictInBands(agent, target, ctx(), 4, { bandPixels: 24 * 20, halo: 0 });
    expect(cut.labels).not.toEqual(whole.labels);
  });

  it("refuses a prediction of the wrong size and labels outside the palette", async () => {
    const agent = (rgb: (n: number) => Uint8Array, labels?: (n: number) => Uint8Array): Agent => ({
      fit: async () => ({}),
      predict: async (t) => ({
        rgb: rgb(t.width * t.height),
        labels: labels?.(t.width * t.height),
        backend: "js",
      }),
      toJSON: () => ({ plugin: "x", version: "0.0.0", config: {}, state: null }),
    });
    const gray = { width: 8, height: 3, data: new Float64Array(24) };
    await expect(
      predictInBands(
        agent((n) => new Uint8Array(n * 3 - 1)),
        gray,
        ctx(),
        4,
      ),
    ).rejects.toThrow("returned 71 RGB values for 24 pixels");
    const bad = agent(
      (n) => new Uint8Array(n * 3),
      (n) => new Uint8Array(n).fill(4),
    );
    await expect(predictInBands(bad, gray, ctx(), 4)).rejects.toThrow("label 4 outside its palette of 4");
  });
});
