import {
  type AbortSignalLike,
  computeMetrics,
  paintLabels,
  parseConfig,
  type RgbImage,
  type StripStudy,
} from "@colorize/core";
import { type LoadedPlugin, runAgentInline } from "@colorize/runtime";
import type { SweepPoint, SweepSpec } from "./schema.js";
import { type ValidationTask, type ValidationTasks, validationTasks } from "./validation-task.js";

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
  options: {
    k: number;
    seed: number;
    validationColumns?: number;
    signal?: AbortSignalLike;
    /** Run the agent once per value even where a shortcut gives the same result (for tests). */
    generic?: boolean;
    /** Where the task comes from (default: built here). */
    tasks?: ValidationTasks;
  },
): Promise<SweepPoint[]> {
  if (specs.length === 0) return [];
  const tasks =
    options.tasks ??
    validationTasks(image, { seed: options.seed, validationColumns: options.validationColumns });
  const v = tasks(options.k);
  const points: SweepPoint[] = [];
  for (const spec of specs) {
    const agent = agents.find((a) => a.name === spec.agent);
    if (!agent) throw new RangeError(`--sweep: agent ${spec.agent} is not in this evaluation`);
    const study = options.generic ? undefined : studyFor(agent, spec);
    if (study) {
      points.push(...(await studySweep(v, agent, study, spec, options.signal)));
      continue;
    }
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

/**
 * The agent's own strip study when it answers this sweep: a study of the swept parameter, with
 * every value a number the schema accepts (anything else runs the agent per value, which records
 * the refusal as that value's error).
 */
function studyFor(agent: SweepAgent, spec: SweepSpec): StripStudy | undefined {
  const { study, params } = agent.loaded.plugin;
  if (!study || study.param !== spec.param) return undefined;
  try {
    for (const v of spec.values) {
      if (typeof v !== "number") return undefined;
      parseConfig(params, { ...agent.config, [spec.param]: v });
    }
  } catch {
    return undefined;
  }
  return study;
}

/**
 * A sweep the agent's plugin answers itself (the k-NN agent's neighbour count: one search for the
 * largest count, then one vote per value on its nearest prefix); identical to running the agent
 * per value (a test checks it). The seconds of each point are the shared preparation plus that
 * value's labelling.
 */
async function studySweep(
  v: ValidationTask,
  agent: SweepAgent,
  study: StripStudy,
  spec: SweepSpec,
  signal?: AbortSignalLike,
): Promise<SweepPoint[]> {
  const t0 = performance.now();
  const config = parseConfig(agent.loaded.plugin.params, agent.config);
  const values = spec.values as number[];
  const labelsOf = await study.prepare(v.train, v.test, config, { values, signal });
  const searchSeconds = (performance.now() - t0) / 1000;
  return values.map((value) => {
    const t1 = performance.now();
    const labels = labelsOf(value, v.train.labels, v.palette.size);
    const m = computeMetrics(
      v.truth,
      paintLabels(v.palette, labels),
      v.test.width,
      v.test.height,
      v.palette,
      labels,
    );
    return {
      agent: spec.agent,
      param: spec.param,
      value,
      validation: { deltaE2000: m.deltaE2000, labelAccuracy: m.labelAccuracy, rmse: m.rmse },
      error: null,
      seconds: searchSeconds + (performance.now() - t1) / 1000,
    };
  });
}
