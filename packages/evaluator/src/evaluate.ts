import { availableParallelism } from "node:os";
import { parseConfig } from "@colorize/core";
import type { LoadedPlugin } from "@colorize/runtime";
import type { Artifact } from "./artifacts.js";
import type { JobAgent, UnitEvent, UnitJob } from "./evaluate-unit.js";
import { planUnits, shardUnits } from "./plan.js";
import { runUnits } from "./pool.js";
import { loadFinishedUnits, saveUnit } from "./resume.js";
import {
  type AgentInfo,
  type EvalPlan,
  type EvalResults,
  type ImagePair,
  type KStudyAgent,
  SCHEMA,
  type SweepSpec,
  type UnitResult,
} from "./schema.js";
import { leakingAgents, summariseImages, summariseOverall } from "./summarise.js";

/** An agent chosen for an evaluation. */
export interface EvalAgent {
  readonly loaded: LoadedPlugin;
  /** Partial configuration; defaults are filled in. */
  readonly config?: Record<string, unknown>;
  /** Label (default: the plugin's short name). */
  readonly label?: string;
}

/** What an agent is, from its plugin, for the results document. */
export function agentInfo(a: EvalAgent): AgentInfo {
  const { plugin } = a.loaded;
  return {
    name: a.label ?? a.loaded.short,
    plugin: plugin.meta.name,
    version: plugin.meta.version,
    kind: plugin.meta.kind,
    role: plugin.meta.role ?? null,
    output: plugin.capabilities.output,
    iterative: plugin.capabilities.iterative,
    config: parseConfig(plugin.params, a.config ?? {}),
    params: plugin.params,
    description: plugin.meta.description,
  };
}

/** Options of {@link runEvaluation}. */
export interface RunEvaluationOptions {
  readonly plan: EvalPlan;
  readonly agents: readonly EvalAgent[];
  /** The plugin the plan's k study runs with when it is not one of `agents` (as given to {@link makePlan}). */
  readonly basic?: EvalAgent;
  /** Folder the plan's image paths are relative to (default: the working folder). */
  readonly cwd?: string;
  readonly shard?: { readonly index: number; readonly count: number } | null;
  /** Units at once on worker threads (default: available parallelism); 1 runs inline. */
  readonly jobs?: number;
  /** Render image grids (needs an output folder to land in). */
  readonly artifacts?: boolean;
  readonly maxPixels?: number;
  readonly onEvent?: (e: UnitEvent) => void;
  readonly signal?: AbortSignal;
  /**
   * An output folder to resume in: units that an interrupted run of the same plan finished there are
   * not run again, and every unit is saved there (atomically, with its image grids) as it finishes.
   */
  readonly resumeDir?: string;
}

/** Assembles a results document from unit results (sorted by unit), summarising them afresh. */
export function assembleResults(
  plan: EvalPlan,
  units: readonly UnitResult[],
  shard: EvalResults["shard"],
  seconds: number,
): EvalResults {
  const sorted = [...units].sort((a, b) => a.unit - b.unit);
  const images = summariseImages(plan, sorted);
  return {
    schema: SCHEMA,
    plan,
    shard,
    units: sorted,
    summary: { images, overall: summariseOverall(plan, sorted, images) },
    leaks: plan.leakCheck ? leakingAgents(sorted) : [],
    seconds,
  };
}

/**
 * Runs the plan's units (or the shard's slice of them) and returns the results document and
 * the image grids. Each unit is one image with one seed: every agent shares its split, palette and
 * validation strip.
 */
export async function runEvaluation(
  options: RunEvaluationOptions,
): Promise<{ results: EvalResults; artifacts: Artifact[]; resumed: number }> {
  const t0 = performance.now();
  const { plan, resumeDir } = options;
  const shard = options.shard ?? null;
  const all = shardUnits(planUnits(plan), shard);
  const finished = resumeDir ? loadFinishedUnits(resumeDir, plan, all) : new Map<number, UnitResult>();
  const units = all.filter((u) => !finished.has(u.unit));
  const plugins = new Map<string, LoadedPlugin>();
  for (const a of options.agents) plugins.set(a.loaded.entry, a.loaded);
  const jobAgents = options.agents.map((a, i) => ({
    name: plan.agents[i].name,
    entry: a.loaded.entry,
    config: plan.agents[i].config,
  }));
  const kStudy = kStudyJob(plan, options);
  if (kStudy) plugins.set(kStudy.loaded.entry, kStudy.loaded);
  const jobs: UnitJob[] = units.map((unit) => ({
    unit,
    cwd: options.cwd ?? process.cwd(),
    agents: jobAgents,
    k: plan.k,
    validationColumns: plan.validationColumns,
    kStudy: kStudy && plan.kStudy ? { ks: plan.kStudy, agent: kStudy.agent } : null,
    sweeps: plan.sweeps,
    leakCheck: plan.leakCheck,
    artifacts: Boolean(options.artifacts) && unit.primary,
    maxPixels: options.maxPixels ?? 50_000_000,
  }));
  const outcomes = await runUnits(jobs, {
    jobs: Math.max(1, Math.min(options.jobs ?? availableParallelism(), jobs.length)),
    plugins,
    onEvent: options.onEvent,
    signal: options.signal,
    onOutcome: resumeDir ? (outcome) => saveUnit(resumeDir, plan, outcome) : undefined,
  });
  const results = assembleResults(
    plan,
    [...finished.values(), ...outcomes.map((o) => o.result)],
    shard,
    (performance.now() - t0) / 1000,
  );
  return { results, artifacts: outcomes.flatMap((o) => o.artifacts), resumed: finished.size };
}

/** The plugin and job agent of the plan's k study: one of the evaluated agents, or `basic`. */
function kStudyJob(
  plan: EvalPlan,
  options: RunEvaluationOptions,
): { loaded: LoadedPlugin; agent: JobAgent } | null {
  const s = plan.kStudyAgent;
  if (!s || !plan.kStudy) return null;
  const i = plan.agents.findIndex((a) => a.name === s.name && a.plugin === s.plugin);
  const loaded = i >= 0 ? options.agents[i].loaded : options.basic?.loaded;
  if (!loaded || loaded.name !== s.plugin)
    throw new RangeError(`the plan's k study runs ${s.plugin}: pass it as the evaluation's basic plugin`);
  return { loaded, agent: { name: s.name, entry: loaded.entry, config: s.config } };
}

/** JSON of a results document: two-space indent, non-finite numbers as null, a final newline. */
export function resultsJson(results: EvalResults): string {
  return `${JSON.stringify(results, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/** Options of {@link makePlan}. */
export interface PlanOptions {
  readonly images: readonly string[];
  readonly seeds: readonly number[];
  readonly agents: readonly EvalAgent[];
  readonly k?: number;
  readonly validationColumns?: number | null;
  readonly kStudy?: readonly number[] | null;
  /**
   * The basic-role plugin the k study runs with (its defaults) when no agent of the evaluation
   * declares that role; without either, the k study is skipped and the write-up says so.
   */
  readonly basic?: EvalAgent;
  readonly sweeps?: readonly SweepSpec[];
  readonly leakCheck?: boolean;
  /** Reference -> target pairs instead of `images`: each target is coloured by agents trained on its reference. */
  readonly pairs?: readonly ImagePair[];
}

/** Who runs the k study: the first evaluated agent of the basic role, else `basic`, else nobody. */
function kStudyAgent(o: PlanOptions, agents: readonly AgentInfo[]): KStudyAgent | null {
  if (!o.kStudy) return null;
  const i = agents.findIndex((a) => a.role === "basic");
  const chosen =
    i >= 0
      ? { agent: o.agents[i], info: agents[i] }
      : o.basic && { agent: o.basic, info: agentInfo(o.basic) };
  if (!chosen) return null;
  if (chosen.info.role !== "basic")
    throw new RangeError(`${chosen.info.plugin} does not declare the basic role`);
  if (!chosen.agent.loaded.plugin.study)
    throw new RangeError(
      `${chosen.info.plugin} declares the basic role but offers no study to run the k study with`,
    );
  const { name, plugin, version, config } = chosen.info;
  return { name, plugin, version, config };
}

/**
 * Builds a plan, validating eagerly: agent labels unique, every sweep naming an agent of the plan
 * and a parameter it has, with values its schema accepts (a bad one is a one-line ConfigError).
 */
export function makePlan(o: PlanOptions): EvalPlan {
  const agents = o.agents.map(agentInfo);
  const names = new Set<string>();
  for (const a of agents) {
    if (names.has(a.name)) throw new RangeError(`agent ${a.name} appears twice; give each a label`);
    names.add(a.name);
  }
  if (agents.length === 0) throw new RangeError("no agent to evaluate");
  if (o.seeds.length === 0) throw new RangeError("no seed given");
  const sweeps = o.sweeps ?? [];
  for (const s of sweeps) {
    const i = agents.findIndex((a) => a.name === s.agent);
    if (i < 0)
      throw new RangeError(
        `--sweep: agent ${s.agent} is not in this evaluation (agents: ${[...names].join(", ")})`,
      );
    const schema = o.agents[i].loaded.plugin.params;
    if (!(s.param in schema)) {
      throw new RangeError(
        `--sweep: ${s.agent} has no parameter ${s.param} (known: ${Object.keys(schema).join(", ") || "none"})`,
      );
    }
    for (const v of s.values) parseConfig(schema, { ...agents[i].config, [s.param]: v });
  }
  return {
    images: o.pairs ? o.pairs.map((p) => p.target) : [...o.images],
    seeds: [...o.seeds],
    agents,
    k: o.k ?? 5,
    validationColumns: o.validationColumns ?? null,
    kStudy: o.kStudy ? [...o.kStudy] : null,
    kStudyAgent: kStudyAgent(o, agents),
    sweeps: sweeps.map((s) => ({ agent: s.agent, param: s.param, values: [...s.values] })),
    leakCheck: o.leakCheck ?? false,
    ...(o.pairs ? { pairs: o.pairs.map((p) => ({ reference: p.reference, target: p.target })) } : {}),
  };
}
