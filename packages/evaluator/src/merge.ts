import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { assembleResults } from "./evaluate.js";
import { planUnits } from "./plan.js";
import { type EvalResults, SCHEMA, type UnitResult } from "./schema.js";

/** Reads a results document from a file or from an output folder holding `results.json`. */
export function readResults(path: string): EvalResults {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "results.json") : path;
  let doc: EvalResults;
  try {
    doc = JSON.parse(readFileSync(file, "utf8")) as EvalResults;
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new RangeError(
      `${file}: ${code === "ENOENT" ? "no such file" : "not a results document (invalid JSON)"}`,
    );
  }
  if (doc?.schema !== SCHEMA)
    throw new RangeError(`${file}: schema ${JSON.stringify(doc?.schema)} is not ${SCHEMA}`);
  return doc;
}

/**
 * Combines the results of shards of one evaluation into the document a single run of the same
 * plan gives (timings aside): the plans must be identical and the units must cover the plan
 * exactly once. Summaries are recomputed from the units.
 */
export function mergeResults(docs: readonly EvalResults[]): EvalResults {
  if (docs.length === 0) throw new RangeError("merge needs at least one results folder");
  const plan = docs[0].plan;
  const planText = JSON.stringify(plan);
  for (const d of docs) {
    if (JSON.stringify(d.plan) !== planText)
      throw new RangeError("the shards ran different plans (images, seeds, agents or options differ)");
  }
  const byUnit = new Map<number, UnitResult>();
  for (const d of docs) {
    for (const u of d.units) {
      if (byUnit.has(u.unit))
        throw new RangeError(`unit ${u.unit} (${u.image}, seed ${u.seed}) appears in two shards`);
      byUnit.set(u.unit, u);
    }
  }
  const missing = planUnits(plan).filter((u) => !byUnit.has(u.unit));
  if (missing.length > 0) {
    const list = missing
      .slice(0, 3)
      .map((u) => `${u.image} seed ${u.seed}`)
      .join(", ");
    throw new RangeError(
      `${missing.length} unit(s) are missing (${list}${missing.length > 3 ? ", ..." : ""}); merge every shard`,
    );
  }
  const seconds = docs.reduce((s, d) => s + (d.seconds ?? 0), 0);
  return assembleResults(plan, [...byUnit.values()], null, seconds);
}
