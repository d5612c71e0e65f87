/**
 * Roles and studies: what a plugin says it is, and which of the evaluator's studies it can answer
 * itself. Other packages ask a plugin for its role or its study; none of them names a plugin.
 */
import type { AbortSignalLike } from "./agent.js";
import { type Config, type ParamSchema, parseConfig } from "./params.js";
import type { TestSet, TrainSet } from "./task.js";

/**
 * Roles a plugin can declare in `meta.role`. `basic`: the assignment's basic agent, the reference
 * every other agent is compared with; its strip study runs the k study, and its declared sweep is
 * the default sweep of an evaluation.
 */
export const PLUGIN_ROLES = ["basic"] as const;

/** One of {@link PLUGIN_ROLES}. */
export type PluginRole = (typeof PLUGIN_ROLES)[number];

/**
 * The strip's labels for one value of the study's parameter and one palette: `trainLabels` are
 * the training band's palette labels (`width * height`), the result has one label per test pixel.
 * Answered from the work {@link StripStudy.prepare} did once.
 */
export type StripLabels = (value: number, trainLabels: Uint8Array, paletteSize: number) => Uint8Array;

/** Options of {@link StripStudy.prepare}. */
export interface StripStudyOptions {
  /** Values of the study's parameter the result will be asked for (default: the configuration's). */
  readonly values?: readonly number[];
  readonly signal?: AbortSignalLike;
}

/**
 * A study a plugin answers on a train/test pair (the evaluator's validation task) from one shared
 * computation, exactly as its agent would predict: for every value of one integer parameter up
 * to the largest asked, and for every palette, since only the cheap last step depends on those.
 * The k-NN agent searches neighbours once and votes per value and palette.
 */
export interface StripStudy {
  /** The integer parameter whose values one preparation answers (the k-NN agent's `neighbours`). */
  readonly param: string;
  /** Values of `param` an evaluation sweeps when none is asked for (each accepted by the schema). */
  readonly sweep: readonly number[];
  /**
   * Does the shared work for `train` and `test` with `config` (parsed, defaults filled in) and
   * returns the labeller. Labels equal those of the plugin's agent created with `config`, `param`
   * set to the value asked, fitted on `train` with the palette of `trainLabels`.
   */
  prepare(train: TrainSet, test: TestSet, config: Config, options?: StripStudyOptions): Promise<StripLabels>;
}

/** Why a declared role or study does not fit the contract, or null when it does. */
export function studyProblem(
  role: unknown,
  study: StripStudy | undefined,
  params: ParamSchema,
): string | null {
  if (role !== undefined && !PLUGIN_ROLES.includes(role as PluginRole)) {
    return `meta.role must be one of ${PLUGIN_ROLES.map((r) => `"${r}"`).join(", ")}, got ${JSON.stringify(role)}`;
  }
  if (study === undefined) {
    // The k study and the default sweep of an evaluation ask the basic agent's study.
    return role === "basic"
      ? 'meta.role "basic" needs a study (the k study and the default sweep ask it)'
      : null;
  }
  if (typeof study !== "object" || typeof study.prepare !== "function")
    return "study.prepare must be a function";
  if (params[study.param]?.type !== "integer")
    return `study.param must name an integer parameter, got ${JSON.stringify(study.param)}`;
  if (!Array.isArray(study.sweep) || study.sweep.length === 0)
    return "study.sweep must list at least one value";
  try {
    for (const v of study.sweep) {
      if (typeof v !== "number") return `study.sweep values must be numbers, got ${JSON.stringify(v)}`;
      parseConfig(params, { [study.param]: v });
    }
  } catch (e) {
    return `study.sweep: ${(e as Error).message}`;
  }
  return null;
}
