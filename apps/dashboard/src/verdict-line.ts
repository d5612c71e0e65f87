import { type Verdict, verdict } from "@colorize/evaluator/verdict";
import type { RunState } from "./state.js";

/**
 * The verdict of a run over its finished agents (the one `colorize run` prints under its table):
 * the best agent by ΔE2000 and how far below the basic agent it is. Null with fewer than two.
 */
export function runVerdict(run: RunState): Verdict | null {
  return verdict(
    run.agents
      .filter((r) => r.status === "done" && r.result)
      .map((r) => ({
        name: r.name,
        role: r.name === run.basic ? "basic" : null,
        deltaE2000: r.result!.metrics.deltaE2000,
      })),
  );
}
