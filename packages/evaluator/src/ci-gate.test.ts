import { fileURLToPath } from "node:url";
import { discoverPlugins, findPlugin } from "@colorize/runtime";
import { describe, expect, it } from "vitest";
import { makePlan, runEvaluation } from "./evaluate.js";
import { compareWithBaseline, DEFAULT_TOLERANCE } from "./gate.js";
import { readResults } from "./merge.js";

/**
 * The project's own gate: re-runs the committed baseline's plan (small crops of the shipped
 * photograph, the agents it names, two seeds) and fails when any mean score is worse than the
 * committed one beyond the default tolerance. Regenerate the baseline after an intended change:
 *   colorize eval packages/evaluator/baselines/images --agents knn,logreg,rgb-mlp --seeds 0,1 --k-study none \
 *     --sweep none --json > packages/evaluator/baselines/ci.json
 */
describe("the committed CI baseline", () => {
  const repo = fileURLToPath(new URL("../../..", import.meta.url));
  const baseline = readResults(fileURLToPath(new URL("../baselines/ci.json", import.meta.url)));

  it("is met by the current agents within the default tolerance", async () => {
    // A plugin that cannot load only matters if the baseline names it (findPlugin then fails).
    const plugins = await discoverPlugins({ onProblem: () => {} });
    const agents = baseline.plan.agents.map((a) => ({
      loaded: findPlugin(plugins, a.plugin),
      config: a.config,
      label: a.name,
    }));
    const plan = makePlan({
      images: baseline.plan.images,
      seeds: baseline.plan.seeds,
      agents,
      k: baseline.plan.k,
      validationColumns: baseline.plan.validationColumns,
    });
    const { results } = await runEvaluation({ plan, agents, cwd: repo, jobs: 2 });
    const gate = compareWithBaseline(results, baseline, DEFAULT_TOLERANCE);
    expect(gate.failures).toEqual([]);
    expect(gate.checked).toBe(baseline.summary.images.length * baseline.plan.agents.length * 6);
  });
});
