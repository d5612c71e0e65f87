import type { ComparisonResult, LoadedPlugin } from "@colorize/runtime";
import type { Artifact } from "./artifacts.js";
import { openPair } from "./evaluate-pair.js";
import { runKStudy } from "./k-study.js";
import { openImage } from "./open-unit.js";
import { imageKey, slug, type Unit } from "./plan.js";
import type { SweepSpec, UnitAgent, UnitResult } from "./schema.js";
import { runSweeps } from "./sweep.js";
import { validationTasks } from "./validation-task.js";

/** An agent of a unit: its label, plugin module and configuration. */
export interface JobAgent {
  readonly name: string;
  readonly entry: string;
  readonly config: Record<string, unknown>;
}

/** Everything a worker needs to evaluate one unit; plain data so it crosses threads. */
export interface UnitJob {
  readonly unit: Unit;
  /** Folder the plan's relative image paths are relative to. */
  readonly cwd: string;
  readonly agents: readonly JobAgent[];
  readonly k: number;
  readonly validationColumns: number | null;
  /** Palette sizes of the k study and the basic-role agent that runs it, or null. */
  readonly kStudy: { readonly ks: readonly number[]; readonly agent: JobAgent } | null;
  readonly sweeps: readonly SweepSpec[];
  readonly leakCheck: boolean;
  /** Render the image grids (only for the primary seed, and only when an output folder is set). */
  readonly artifacts: boolean;
  readonly maxPixels: number;
}

/** Progress of units, as printed on stderr. */
export type UnitEvent =
  | { readonly type: "unit-start"; readonly unit: number; readonly image: string; readonly seed: number }
  | { readonly type: "stage"; readonly unit: number; readonly stage: string }
  | { readonly type: "unit-done"; readonly unit: number; readonly seconds: number };

/** What evaluating a unit gives back. */
export interface UnitOutcome {
  readonly result: UnitResult;
  readonly artifacts: Artifact[];
}

function unitAgents(r: ComparisonResult): UnitAgent[] {
  return r.agents.map((a) => ({
    name: a.name,
    metrics: a.metrics,
    backend: a.backend,
    seconds: a.seconds,
    fitSeconds: a.fitSeconds,
    predictSeconds: a.predictSeconds,
    history: (a.fit.history ?? []).map((h) => ({ ...h })),
    bestEpoch: a.fit.bestEpoch ?? null,
    metric: a.fit.metric ?? null,
    facts: { ...(a.fit.facts ?? {}) },
  }));
}

/**
 * Evaluates one image with one seed on this thread: every agent on the shared split, palette and
 * strip (plus the `gray` and `palette-ceiling` rows), then the k study, the sweeps and the leak
 * check as asked, and the image grids for the report.
 */
export async function evaluateUnit(
  job: UnitJob,
  plugins: ReadonlyMap<string, LoadedPlugin>,
  emit: (e: UnitEvent) => void = () => {},
  signal?: AbortSignal,
): Promise<UnitOutcome> {
  const t0 = performance.now();
  const { unit } = job;
  emit({ type: "unit-start", unit: unit.unit, image: unit.image, seed: unit.seed });
  const choices = job.agents.map((a) => ({ loaded: pluginOf(plugins, a), config: a.config, label: a.name }));
  const opened = await (unit.reference === undefined ? openImage : openPair)(job, choices, emit, signal);
  const { result: r, studied: image } = opened;
  const validationColumns = job.validationColumns ?? undefined;

  let leakCheck: UnitResult["leakCheck"] = null;
  if (job.leakCheck) {
    emit({ type: "stage", unit: unit.unit, stage: "leak check" });
    leakCheck = await opened.leakCheck();
  }

  // The strip's tasks by palette size; the sweeps' (at the comparison's k) is kept from the k study.
  const tasks = validationTasks(image, { seed: unit.seed, validationColumns }, [job.k]);
  let kStudy: UnitResult["kStudy"] = null;
  let kStudySeconds = 0;
  if (job.kStudy) {
    emit({ type: "stage", unit: unit.unit, stage: "k study" });
    const tk = performance.now();
    const { ks, agent } = job.kStudy;
    kStudy = await runKStudy(image, ks, {
      seed: unit.seed,
      validationColumns,
      plugin: pluginOf(plugins, agent).plugin,
      config: agent.config,
      signal,
      tasks,
    });
    kStudySeconds = (performance.now() - tk) / 1000;
  }

  emit({ type: "stage", unit: unit.unit, stage: "sweeps" });
  const sweeps = await runSweeps(
    image,
    job.sweeps,
    job.agents.map((a) => ({ name: a.name, loaded: pluginOf(plugins, a), config: a.config })),
    { k: job.k, seed: unit.seed, validationColumns, signal, tasks },
  );

  const key = slug(imageKey(unit.image));
  const artifacts = job.artifacts ? opened.artifacts(key) : [];
  const seconds = (performance.now() - t0) / 1000;
  emit({ type: "unit-done", unit: unit.unit, seconds });
  return {
    result: {
      unit: unit.unit,
      image: unit.image,
      seed: unit.seed,
      width: opened.width,
      height: opened.height,
      split: { column: r.task.split.column, validationColumns: r.task.train.validationColumns },
      palette: r.palette,
      kmeans: r.task.kmeans ? { iterations: r.task.kmeans.iterations, inertia: r.task.kmeans.inertia } : null,
      baselines: r.baselines,
      agents: unitAgents(r),
      errors: r.errors.map((e) => ({ agent: e.agent, message: e.message })),
      kStudy,
      kStudySeconds,
      sweeps,
      leakCheck,
      seconds,
      ...(opened.reference ? { reference: opened.reference } : {}),
    },
    artifacts,
  };
}

/** Every agent whose plugin a unit loads: its agents and the k study's. */
export function agentsToLoad(job: UnitJob): JobAgent[] {
  return job.kStudy ? [...job.agents, job.kStudy.agent] : [...job.agents];
}

function pluginOf(plugins: ReadonlyMap<string, LoadedPlugin>, a: JobAgent): LoadedPlugin {
  const p = plugins.get(a.entry);
  if (!p) throw new Error(`agent ${a.name}: plugin module ${a.entry} is not loaded`);
  return p;
}
