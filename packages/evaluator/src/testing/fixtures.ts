import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng, type RgbImage } from "@colorize/core";

/** A seeded test photograph: diagonal colour bands plus noise and a vertical blue ramp. */
export function syntheticImage(width: number, height: number, seed = 1): RgbImage {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const band = (x + 2 * y) % 12 < 6;
      data[o] = band ? 200 + rng.int(40) : 30 + rng.int(40);
      data[o + 1] = band ? 60 + rng.int(30) : 150 + rng.int(60);
      data[o + 2] = Math.min(255, (40 + (y * 255) / height) | 0);
    }
  }
  return { width, height, data };
}

/**
 * Writes a plain-JS plugin package to a temp folder (workers import it by path). The agent
 * predicts each test pixel as the mean colour of the training pixels of the nearest gray,
 * plus `shift` on every channel; it "trains" for `epochs` epochs with a seeded, decreasing
 * loss history so training curves can be drawn, and reports a validation metric.
 */
export function writeFixturePlugin(name = "@colorize/plugin-fixture"): { dir: string; entry: string } {
  const dir = mkdtempSync(join(tmpdir(), "colorize-eval-plugin-"));
  const entry = join(dir, "index.mjs");
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name,
      version: "1.0.0",
      type: "module",
      exports: { ".": { default: "./index.mjs" } },
      colorize: { plugin: true },
    }),
  );
  writeFileSync(
    entry,
    `const NAME = ${JSON.stringify(name)};
const params = {
  shift: { type: "integer", default: 0, min: 0, max: 40, description: "added to every channel" },
  epochs: { type: "integer", default: 4, min: 0, max: 50, description: "length of the reported history" },
};
function make(config) {
  let table;
  return {
    async fit(train, ctx) {
      const sum = new Float64Array(256 * 3), cnt = new Float64Array(256);
      for (let i = 0; i < train.gray.length; i++) {
        const g = Math.round(train.gray[i]);
        cnt[g]++;
        for (let c = 0; c < 3; c++) sum[g * 3 + c] += train.rgb[i * 3 + c];
      }
      table = new Float64Array(256 * 3);
      for (let g = 0; g < 256; g++) {
        let best = -1;
        for (let d = 0; d < 256 && best < 0; d++) best = cnt[g - d] > 0 ? g - d : cnt[g + d] > 0 ? g + d : -1;
        for (let c = 0; c < 3; c++) table[g * 3 + c] = sum[best * 3 + c] / cnt[best];
      }
      const history = [];
      for (let e = 1; e <= config.epochs; e++) {
        const trainLoss = 1 / e + ctx.rng.next() * 0.01;
        const validLoss = 1 / e + 0.1 + (e > 3 ? 0.05 * (e - 3) : 0);
        history.push({ epoch: e, trainLoss, validLoss, validMetric: 10 - e });
        ctx.onProgress?.({ type: "epoch", epoch: e, epochs: config.epochs, trainLoss, validLoss });
      }
      return { history, bestEpoch: Math.min(3, config.epochs), metric: "deltaE2000", facts: { pixels: train.gray.length } };
    },
    async predict(test) {
      const rgb = new Uint8Array(test.gray.length * 3);
      for (let i = 0; i < test.gray.length; i++) {
        const g = Math.round(test.gray[i]);
        for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.min(255, Math.round(table[g * 3 + c]) + config.shift);
      }
      return { rgb, backend: "js" };
    },
    toJSON() { return { plugin: NAME, version: "1.0.0", config, state: null }; },
  };
}
export default {
  meta: { name: NAME, version: "1.0.0", kind: "agent", description: {
    summary: "gray lookup fixture",
    input: "one gray value", output: "an RGB colour", model: "a 256-entry table", loss: "none",
    algorithm: "mean colour per gray level", preprocessing: "none", overfitting: "a reported validation curve" } },
  capabilities: { output: "rgb", backends: ["js"], gradients: false, iterative: true },
  params,
  create: (config) => make({ shift: 0, epochs: 4, ...config }),
  restore: (s) => make(s.config),
};
`,
  );
  return { dir, entry };
}
