import { createRng, parseConfig, prepareTask } from "@colorize/core";
import { syntheticImage } from "@colorize/core/testing";
import { describe, expect, it } from "vitest";
import plugin from "./index.js";

/** A whole fit + predict with `--backend name`. */
async function run(backend: string) {
  const task = prepareTask(syntheticImage(40, 20, 4), { k: 5, seed: 0 });
  const agent = plugin.create(parseConfig(plugin.params, { epochs: 3, members: 2, samplesPerEpoch: 400 }));
  const ctx = { seed: 0, rng: createRng(0), backend };
  const report = await agent.fit(task.train, ctx);
  const prediction = await agent.predict(task.test, ctx);
  return { report, prediction };
}

describe("rgb-mlp on a forced compute backend", () => {
  it("names the backend that ran; float64 backends give the reference's bytes", async () => {
    const js = await run("js");
    expect(js.prediction.backend).toBe("js");
    const auto = await run("auto");
    const wasm = await run("wasm-simd");
    expect(wasm.prediction.backend).toBe("wasm-simd");
    expect(wasm.report.backend).toBe("wasm-simd");
    expect(auto.prediction.backend).toMatch(/wasm-simd|js/);
    expect(wasm.report.history).toEqual(js.report.history);
    expect(Buffer.from(wasm.prediction.rgb).equals(Buffer.from(js.prediction.rgb))).toBe(true);
    expect(Buffer.from(auto.prediction.rgb).equals(Buffer.from(js.prediction.rgb))).toBe(true);
  });

  it("gpu.js (float32 products) trains to within 1e-5 of the float64 loss and 3 levels of its colours on average", async () => {
    const js = await run("js");
    const gpu = await run("gpu.js:cpu");
    expect(gpu.prediction.backend).toBe("gpu.js:cpu");
    // The float32 sums did run: the training loss differs from float64's, by a float32 rounding.
    const loss = (r: typeof js) => r.report.history!.at(-1)!.trainLoss;
    expect(loss(gpu)).not.toBe(loss(js));
    expect(Math.abs(loss(gpu) - loss(js)) / loss(js)).toBeLessThan(1e-5);
    let sum = 0;
    for (let i = 0; i < js.prediction.rgb.length; i++)
      sum += Math.abs(gpu.prediction.rgb[i] - js.prediction.rgb[i]);
    const mean = sum / js.prediction.rgb.length;
    expect(mean).toBeLessThanOrEqual(3);
  });

  it("refuses a backend that does not exist before any work", async () => {
    await expect(run("cuda")).rejects.toThrow(/unknown compute backend "cuda"/);
  });
});
