import { type AbortSignalLike, computeMetrics, type RgbImage } from "@colorize/core";
import { type LoadedPlugin, runAgentInline } from "@colorize/runtime";
import type { SweepPoint, SweepSpec } from "./schema.js";
import { validationTask } from "./validation-task.js";

/** An agent as a sweep sees it: its plugin and its base configuration. */
export interface SweepAgent {
  readonly name: string;
  readonly loaded: LoadedPlugin;
  readonly config: Record<string, unknown>;
}

/**
 * Runs each sweep value of each spec on the validation strip (the band left of it trains, the strip
 * is scored), with the comparison's palette size and seed. A value the agent refuses or fails on is
 * recorded with its error, and the sweep goes on.
 */
export async function runSweeps(
  image: RgbImage,
  specs: readonly SweepSpec[],
  agents: readonly SweepAgent[],
  options: { k: number; seed: number; validationColumns?: number; signal?: AbortSignalLike },
): Promise<SweepPoint[]> {
  if (specs.length === 0) return [];
  const v = validationTask(image, {
    k: options.k,
    seed: options.seed,
    validationColumns: options.validationColumns,
  });
  const points: SweepPoint[] = [];
  for (const spec of specs) {
    const agent = agents.find((a) => a.name === spec.agent);
    if (!agent) throw new RangeError(`--sweep: agent ${spec.agent} is not in this evaluation`);
    for (const value of spec.values) {
      const t0 = performance.now();
      try {
        const run = await runAgentInline(
          {
            entry: agent.loaded.entry,
            plugin: agent.loaded.plugin,
            config: { ...agent.config, [spec.param]: value },
            seed: options.seed,
          },
          v.train,
          v.test,
          { signal: options.signal },
        );
        const m = computeMetrics(
          v.truth,
          run.prediction.rgb,
          v.test.width,
          v.test.height,
          v.palette,
          run.prediction.labels,
        );
        points.push({
          agent: spec.agent,
          param: spec.param,
          value,
          validation: { deltaE2000: m.deltaE2000, labelAccuracy: m.labelAccuracy, rmse: m.rmse },
          error: null,
          seconds: (performance.now() - t0) / 1000,
        });
      } catch (err) {
        if ((err as Error)?.name === "AbortError") throw err;
        points.push({
          agent: spec.agent,
          param: spec.param,
          value,
          validation: null,
          error: (err as Error)?.message ?? String(err),
          seconds: (performance.now() - t0) / 1000,
        });
      }
    }
  }
  return points;
}
