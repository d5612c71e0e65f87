import { imageKey } from "./plan.js";
import type { EvalResults } from "./schema.js";
import { imageTable, kStudyTable, markdownTable, overallTable, sweepTable } from "./tables.js";

/** `results.md`: the tables of a results document as Markdown. */
export function resultsMarkdown(results: EvalResults): string {
  const { plan } = results;
  const out: string[] = [];
  out.push("# Evaluation results", "");
  out.push(
    `${plan.images.length} image${plan.images.length === 1 ? "" : "s"}, seeds ${plan.seeds.join(", ")}, ` +
      `agents ${plan.agents.map((a) => a.name).join(", ")}, palette k = ${plan.k}. ` +
      "Scores are on the right half, mean ± sample standard deviation over the seeds.",
    "",
  );
  if (results.shard)
    out.push(
      `This is shard ${results.shard.index} of ${results.shard.count}: it holds only part of the units.`,
      "",
    );
  out.push("## Every image", "", markdownTable(overallTable(results)), "");
  for (const img of results.summary.images) {
    out.push(
      `## ${imageKey(img.image)} (${img.width}x${img.height})`,
      "",
      markdownTable(imageTable(img)),
      "",
    );
    const kt = kStudyTable(img);
    if (kt && img.kStudy)
      out.push("### k study", "", markdownTable(kt), "", `Recommended: ${img.kStudy.reason}`, "");
  }
  for (const s of plan.sweeps) {
    out.push(
      `## Sweep of ${s.agent}.${s.param} (validation strip)`,
      "",
      markdownTable(sweepTable(results, s.agent, s.param)),
      "",
    );
  }
  if (plan.leakCheck) {
    out.push(
      "## Leak check",
      "",
      results.leaks.length === 0
        ? "Every agent predicted byte-for-byte the same after the right half's true colours were scrambled (gray kept exact)."
        : `Predictions changed when the right half's colours were scrambled: ${results.leaks.join(", ")}.`,
      "",
    );
  }
  const errors = results.units.flatMap((u) =>
    u.errors.map((e) => `${imageKey(u.image)} seed ${u.seed}: ${e.agent}: ${e.message}`),
  );
  if (errors.length > 0) out.push("## Failures", "", ...errors.map((e) => `- ${e}`), "");
  return out.join("\n");
}
