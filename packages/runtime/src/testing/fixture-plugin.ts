import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Options of {@link writeFixturePlugin}; every field is optional. */
export interface FixturePluginOptions {
  /** Package name and `meta.name`. Default `@colorize/plugin-fixture`. */
  readonly name?: string;
  /**
   * Default of the `epochs` parameter: epochs fit reports (events and history). Default 0, which
   * also makes the plugin declare itself non-iterative.
   */
  readonly epochs?: number;
  /** Milliseconds each epoch waits, in 5 ms slices that check the signal. Default 0. */
  readonly epochMs?: number;
  /** Milliseconds predict waits before answering, in 5 ms slices that check the signal. Default 0. */
  readonly delayMs?: number;
  /** When set, the plugin has a `warm` hook that appends its config's `shift` to this file, one line a call. */
  readonly warmFile?: string;
}

/**
 * Where {@link writeFixturePlugin} put the plugin: its package folder and its module file, and
 * `dispose`, which removes the folder (safe to call more than once).
 */
export interface FixturePlugin {
  readonly dir: string;
  readonly entry: string;
  readonly dispose: () => void;
}

/**
 * Writes a plain-JS plugin package to a new temp folder, so worker threads can import it by path
 * without a build. The agent predicts each test pixel as the mean colour of the training pixels of
 * the nearest gray, plus the `shift` parameter (0..40) on every channel. Fit reports `epochs`
 * epochs: train loss 1/e plus up to 0.01 of seeded noise, validation loss 1/e + 0.1 rising by 0.05
 * an epoch after epoch 3 (so the best epoch is min(3, epochs)), validation ΔE00 ten times that.
 * It also has an enum `mode` and a boolean `verbose` parameter, both ignored, for forms and
 * config parsing. The caller removes the folder with `dispose()` once its tests are done (in an
 * `afterAll`, `onTestFinished` or `finally`).
 */
export function writeFixturePlugin(options: FixturePluginOptions = {}): FixturePlugin {
  const name = options.name ?? "@colorize/plugin-fixture";
  const settings = {
    name,
    epochs: options.epochs ?? 0,
    epochMs: options.epochMs ?? 0,
    delayMs: options.delayMs ?? 0,
    warmFile: options.warmFile ?? null,
  };
  const dir = mkdtempSync(join(tmpdir(), "colorize-plugin-"));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const entry = join(dir, "index.mjs");
  try {
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
      `import { appendFileSync } from "node:fs";\nconst OPTIONS = ${JSON.stringify(settings)};\n${PLUGIN_SOURCE}`,
    );
  } catch (err) {
    dispose();
    throw err;
  }
  return { dir, entry, dispose };
}

/** The module body; `OPTIONS` is declared above it. */
const PLUGIN_SOURCE = `const NAME = OPTIONS.name;
const params = {
  epochs: { type: "integer", default: OPTIONS.epochs, min: 0, max: 100000, description: "epochs to report" },
  shift: { type: "integer", default: 0, min: 0, max: 40, description: "added to every channel" },
  mode: { type: "enum", values: ["plain", "fancy"], default: "plain", description: "ignored" },
  verbose: { type: "boolean", default: false, description: "ignored" },
};
const cancelled = () => { const e = new Error("the run was cancelled"); e.name = "AbortError"; return e; };
async function wait(ms, signal) {
  for (let waited = 0; waited < ms; waited += 5) {
    if (signal?.aborted) throw cancelled();
    await new Promise((r) => setTimeout(r, 5));
  }
  if (signal?.aborted) throw cancelled();
}
function make(config, state) {
  let table = state ? new Float64Array(state.table) : undefined;
  return {
    async fit(train, ctx) {
      const history = [];
      for (let epoch = 1; epoch <= config.epochs; epoch++) {
        await wait(OPTIONS.epochMs, ctx.signal);
        const trainLoss = 1 / epoch + ctx.rng.next() * 0.01;
        const validLoss = 1 / epoch + 0.1 + (epoch > 3 ? 0.05 * (epoch - 3) : 0);
        const validMetric = 10 * validLoss;
        history.push({ epoch, trainLoss, validLoss, validMetric });
        ctx.onProgress?.({ type: "epoch", epoch, epochs: config.epochs, trainLoss, validLoss, validMetric, metric: "ΔE00" });
      }
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
      const facts = { pixels: train.gray.length };
      if (config.epochs === 0) return { facts };
      return { history, bestEpoch: Math.min(3, config.epochs), metric: "ΔE00", facts };
    },
    async predict(test, ctx) {
      await wait(OPTIONS.delayMs, ctx.signal);
      const rgb = new Uint8Array(test.gray.length * 3);
      for (let i = 0; i < test.gray.length; i++) {
        const g = Math.round(test.gray[i]);
        for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.min(255, Math.round(table[g * 3 + c]) + config.shift);
      }
      ctx.onProgress?.({ type: "stage", stage: "predict", fraction: 1 });
      return { rgb, backend: "js" };
    },
    toJSON() {
      return { plugin: NAME, version: "1.0.0", config, state: table ? { table: Array.from(table) } : null };
    },
  };
}
const defaults = Object.fromEntries(Object.entries(params).map(([k, s]) => [k, s.default]));
export default {
  meta: { name: NAME, version: "1.0.0", kind: "agent", description: {
    summary: "gray lookup fixture",
    input: "one gray value", output: "an RGB colour", model: "a 256-entry table", loss: "none",
    algorithm: "mean colour per gray level", preprocessing: "none", overfitting: "a reported validation curve" } },
  capabilities: { output: "rgb", backends: ["js"], gradients: false, iterative: OPTIONS.epochs > 0 },
  params,
  ...(OPTIONS.warmFile
    ? { warm: (config) => appendFileSync(OPTIONS.warmFile, "warm " + config.shift + "\\n") }
    : {}),
  create: (config) => make({ ...defaults, ...config }),
  restore: (s) => make({ ...defaults, ...s.config }, s.state),
};
`;
