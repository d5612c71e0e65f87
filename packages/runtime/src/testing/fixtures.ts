import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng, type RgbImage } from "@colorize/core";

/**
 * A plain-JS plugin module for tests: predicts every test pixel as the mean colour of the
 * training pixels with the closest gray. Written to a temp folder so workers can import it.
 * `delayMs` makes predict wait (in slices, checking the signal) so cancellation can be tested.
 */
export function writeFixturePlugin(
  name = "@colorize/plugin-fixture",
  delayMs = 0,
): { dir: string; entry: string } {
  const dir = mkdtempSync(join(tmpdir(), "colorize-plugin-"));
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
const params = { shift: { type: "integer", default: 0, min: 0, max: 10, description: "added to every channel" } };
function make(config, state) {
  let table = state ? new Float64Array(state.table) : undefined;
  return {
    async fit(train, ctx) {
      ctx.onProgress?.({ type: "stage", stage: "fit", fraction: 1 });
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
      return { facts: { pixels: train.gray.length } };
    },
    async predict(test, ctx) {
      for (let waited = 0; waited < ${delayMs}; waited += 10) {
        if (ctx.signal?.aborted) { const e = new Error("the run was cancelled"); e.name = "AbortError"; throw e; }
        await new Promise((r) => setTimeout(r, 10));
      }
      const rgb = new Uint8Array(test.gray.length * 3);
      for (let i = 0; i < test.gray.length; i++) {
        const g = Math.round(test.gray[i]);
        for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.min(255, Math.round(table[g * 3 + c]) + config.shift);
      }
      ctx.onProgress?.({ type: "stage", stage: "predict", fraction: 1 });
      return { rgb, backend: "js" };
    },
    toJSON() { return { plugin: NAME, version: "1.0.0", config, state: { table: Array.from(table) } }; },
  };
}
export default {
  meta: { name: NAME, version: "1.0.0", kind: "agent", description: { summary: "gray lookup fixture" } },
  capabilities: { output: "rgb", backends: ["js"], gradients: false, iterative: false },
  params,
  create: (config) => make(config),
  restore: (s) => make(s.config, s.state),
};
`,
  );
  return { dir, entry };
}

/** A seeded test photograph: smooth colour gradients plus noise, `width` x `height`. */
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
