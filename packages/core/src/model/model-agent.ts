import { type Agent, type AgentSnapshot, type RunContext, throwIfAborted } from "../agent.js";
import type { Kernels } from "../kernels.js";
import type { Config } from "../params.js";
import type { TestSet, TrainSet } from "../task.js";
import { type EnsembleSpec, fitEnsemble, memberCount } from "./fit-ensemble.js";
import { type FittedModel, loadModel, type ModelAgentState, onKernels, saveModel } from "./model-snapshot.js";
import type { ObjectiveFactory } from "./objective.js";
import { predictEnsemble } from "./predict-model.js";

/** Everything {@link modelAgent} needs to build, train and save a model-backed agent. */
export interface ModelAgentSpec extends EnsembleSpec {
  /** Plugin package name and version, written into snapshots. */
  readonly plugin: string;
  readonly version: string;
  /** The parsed configuration, saved as is. */
  readonly config: Config;
  /** The objective for the task's palette (and, on restore, its saved decoding state). */
  readonly objective: ObjectiveFactory;
  /** The dense kernels for a requested backend (default: core's float64 loops). */
  readonly kernels?: (backend: string) => Kernels;
}

/**
 * Turns a model into an {@link Agent}: `fit` builds the objective for the task's palette and
 * fits the ensemble of networks (see {@link fitEnsemble}: features, validation strip, training,
 * calibration), `predict` colours the test band (see {@link predictEnsemble}), and `toJSON` saves
 * the fitted model (see {@link saveModel}); `saved` restores one.
 */
export function modelAgent(spec: ModelAgentSpec, saved?: ModelAgentState): Agent {
  const count = memberCount(spec);
  let fitted: FittedModel | undefined = saved && loadModel(saved, count, spec.network, spec.objective);
  // The kernels of the backend last asked for, kept so that fit and predict share one set.
  let chosen: { backend: string; kernels: Kernels } | undefined;
  const withKernels = (ctx: RunContext): RunContext => {
    if (ctx.kernels || !spec.kernels) return ctx;
    const backend = ctx.backend ?? "auto";
    if (chosen?.backend !== backend) chosen = { backend, kernels: spec.kernels(backend) };
    return { ...ctx, kernels: chosen.kernels };
  };
  return {
    async fit(data: TrainSet, given: RunContext) {
      throwIfAborted(given.signal);
      const ctx = withKernels(given);
      const objective = spec.objective(data.palette);
      const { members, report, kernels, stripSpread } = await fitEnsemble(spec, objective, data, ctx);
      fitted = { palette: data.palette, objective, members, kernels, stripSpread };
      return report;
    },
    async predict(test: TestSet, given: RunContext) {
      if (!fitted) throw new Error(`${spec.plugin} must be fitted before it predicts`);
      const ctx = withKernels(given);
      // A restored (or differently fitted) model predicts on the kernels this run asks for.
      if (ctx.kernels && ctx.kernels !== fitted.kernels)
        fitted = onKernels(fitted, spec.network, ctx.kernels);
      return predictEnsemble(
        fitted.members,
        fitted.objective,
        spec,
        test,
        ctx,
        undefined,
        fitted.stripSpread,
      );
    },
    toJSON(): AgentSnapshot {
      if (!fitted) throw new Error(`${spec.plugin} has nothing to save before it is fitted`);
      return { plugin: spec.plugin, version: spec.version, config: spec.config, state: saveModel(fitted) };
    },
  };
}
