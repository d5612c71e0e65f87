import { fileURLToPath } from "node:url";
import { discoverPlugins, findPlugin } from "@colorize/runtime";
import { describe, expect, it } from "vitest";
import { makePlan, runEvaluation } from "./evaluate.js";
import { compareWithBaseline } from "./gate.js";
import { readResults } from "./merge.js";

/**
 * The project's own gate: re-runs the committed baseline's plan (small crops of the shipped
 * photograph, the agents it names, two seeds) and fails when a mean score of a learned agent is worse
 * than the committed one beyond its metric's default tolerance, or when a mean of the basic agent or of
 * a reference row differs at all. Regenerate the baseline after an intended change:
 *   colorize eval packages/evaluator/baselines/images --agents knn,logreg,rgb-mlp --seeds 0,1 --k-study none \
 *     --sweep none --json > packages/evaluator/baselines/ci.json
 */
describe("the committed CI baseline", () => {
  const repo = fileURLToPath(new URL("../../..", import.meta.url));
  const baseline = readResults(fileURLToPath(new URL("../baselines/ci.json", import.meta.url)));

  it("is met by the current agents: the basic agent and the reference rows exactly, the others within the default tolerances", async () => {
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
    const gate = compareWithBaseline(results, baseline);
    expect(gate.failures).toEqual([]);
    const images = baseline.summary.images.length;
    const basic = results.plan.agents.filter((a) => a.role === "basic").length;
    expect(basic).toBe(1);
    expect(gate.checked).toBe(images * (baseline.plan.agents.length + 2) * 6);
    expect(gate.exact).toBe(images * (basic + 2) * 6);
  }, 300_000);
});
