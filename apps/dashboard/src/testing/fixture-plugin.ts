import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng, type RgbImage } from "@colorize/core";

/**
 * Writes a plain-JS plugin module for tests into a temp folder (so worker threads can import it).
 * It "trains" for `epochs` epochs, reporting loss 1/epoch and validation ΔE00 10/epoch, waiting
 * `epochMs` per epoch in 5 ms slices that check the signal; then it predicts each test pixel as the
 * mean colour of the training pixels of the nearest gray, plus `shift` on every channel.
 */
export function writeEpochPlugin(
  name: string,
  options: { epochs?: number; epochMs?: number } = {},
): { dir: string; entry: string } {
  const dir = mkdtempSync(join(tmpdir(), "colorize-dashboard-plugin-"));
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
  epochs: { type: "integer", default: ${options.epochs ?? 3}, min: 1, max: 100000, description: "epochs to report" },
  shift: { type: "integer", default: 0, min: 0, max: 10, description: "added to every channel" },
  mode: { type: "enum", values: ["plain", "fancy"], default: "plain", description: "ignored" },
  verbose: { type: "boolean", default: false, description: "ignored" },
};
const cancelled = () => { const e = new Error("the run was cancelled"); e.name = "AbortError"; return e; };
function make(config) {
  let table;
  return {
    async fit(train, ctx) {
      for (let epoch = 1; epoch <= config.epochs; epoch++) {
        for (let waited = 0; waited < ${options.epochMs ?? 0}; waited += 5) {
          if (ctx.signal?.aborted) throw cancelled();
          await new Promise((r) => setTimeout(r, 5));
        }
        if (ctx.signal?.aborted) throw cancelled();
        ctx.onProgress?.({ type: "epoch", epoch, epochs: config.epochs, trainLoss: 1 / epoch, validLoss: 2 / epoch, validMetric: 10 / epoch, metric: "ΔE00" });
      }
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
      return { history: [], metric: "ΔE00" };
    },
    async predict(test, ctx) {
      const rgb = new Uint8Array(test.gray.length * 3);
      for (let i = 0; i < test.gray.length; i++) {
        const g = Math.round(test.gray[i]);
        for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.min(255, Math.round(table[g * 3 + c]) + config.shift);
      }
      ctx.onProgress?.({ type: "stage", stage: "predict", fraction: 1 });
      return { rgb, backend: "js" };
    },
    toJSON() { return { plugin: NAME, version: "1.0.0", config, state: {} }; },
  };
}
export default {
  meta: { name: NAME, version: "1.0.0", kind: "agent", description: { summary: "epoch-reporting fixture" } },
  capabilities: { output: "rgb", backends: ["js"], gradients: false, iterative: true },
  params,
  create: (config) => make({ ...Object.fromEntries(Object.entries(params).map(([k, s]) => [k, s.default])), ...config }),
  restore: (s) => make(s.config),
};
`,
  );
  return { dir, entry };
}

/** A seeded test photograph: colour bands plus noise and a vertical blue ramp, `width` x `height`. */
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
