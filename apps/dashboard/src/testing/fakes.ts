import type { Metrics, ParamSchema, Plugin } from "@colorize/core";
import type { AgentResult, LoadedPlugin } from "@colorize/runtime";

/** A plugin that is never run: only its name, summary and parameters matter to the set-up screen. */
export function fakePlugin(
  short: string,
  params: ParamSchema,
  iterative = false,
  role?: "basic",
): LoadedPlugin {
  const plugin = {
    meta: {
      name: `@colorize/plugin-${short}`,
      version: "1.0.0",
      kind: "agent",
      role,
      description: { summary: `${short} summary` },
    },
    capabilities: { output: "rgb", backends: ["js"], gradients: false, iterative },
    params,
    create: () => {
      throw new Error("not runnable");
    },
    restore: () => {
      throw new Error("not runnable");
    },
  } as Plugin;
  return { plugin, name: plugin.meta.name, short, entry: `/nowhere/${short}.js` };
}

/** Two plugins like the real ones: a basic agent and a learned one with every kind of parameter. */
export const FAKE_PLUGINS: readonly LoadedPlugin[] = [
  fakePlugin(
    "knn",
    {
      neighbours: { type: "integer", default: 6, min: 1, max: 64, description: "training patches that vote" },
      search: {
        type: "enum",
        values: ["auto", "brute-force"],
        default: "auto",
        description: "neighbour search",
      },
    },
    false,
    "basic",
  ),
  fakePlugin(
    "mlp",
    {
      epochs: {
        type: "integer",
        default: 20,
        min: 1,
        max: 500,
        description: "passes over the training pixels",
      },
      rate: { type: "number", default: 0.01, min: 0, max: 1, description: "learning rate" },
      hidden: {
        type: "integer-list",
        default: [32, 16],
        min: 1,
        max: 512,
        description: "hidden layer widths",
      },
      standardize: { type: "boolean", default: true, description: "standardise features" },
    },
    true,
  ),
];

/** Metrics with easy numbers: `base` everywhere, shifted per key so columns differ. */
export function fakeMetrics(base: number): Metrics {
  return {
    labelAccuracy: base / 10,
    rmse: 40 - base,
    psnr: 10 + base,
    ssim: base / 20,
    deltaE2000: 20 - base,
    aucAb: base / 12,
    colorfulness: 10 * base,
  };
}

/** A finished agent's result as the engine reports it. */
export function fakeResult(name: string, metrics: Metrics, seconds: number): AgentResult {
  return {
    name,
    plugin: `@colorize/plugin-${name}`,
    config: {},
    metrics,
    seconds,
    fitSeconds: seconds / 2,
    predictSeconds: seconds / 2,
    backend: "js",
    fit: {},
  };
}
