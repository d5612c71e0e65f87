import type { RunState } from "./state.js";

/**
 * The results.json of a saved run: the document `colorize run --json` prints (image, split, palette,
 * agents, baselines, errors), with `outputs` naming each agent's PNG relative to the file itself in
 * place of the single `output`. Only finished agents appear in `agents` and `outputs`; failed and
 * cancelled ones are in `errors`, and an agent still running at save time is in neither.
 */
export function resultsDocument(
  run: RunState,
  files: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const finished = run.agents.filter((r) => r.status === "done" && r.result);
  return {
    image: run.image,
    split: run.split && { column: run.split.column, validationColumns: run.split.validationColumns },
    palette: run.palette,
    agents: finished.map(({ result: a }) => ({
      name: a!.name,
      plugin: a!.plugin,
      config: a!.config,
      metrics: a!.metrics,
      seconds: a!.seconds,
      fitSeconds: a!.fitSeconds,
      predictSeconds: a!.predictSeconds,
      backend: a!.backend,
    })),
    baselines: run.baselines,
    errors: run.agents
      .filter((r) => r.status === "failed" || r.status === "cancelled")
      .map((r) => ({ agent: r.name, message: r.message ?? "", cancelled: r.status === "cancelled" })),
    outputs: files,
  };
}

/** JSON has no Infinity or NaN: they are written as null, as `colorize run --json` does. */
export function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
