import { METRIC_INFO } from "@colorize/core";
import type { CandidateTable, Generalisation } from "./choose.js";
import { markdownTable } from "./tables.js";

function name(image: string): string {
  return image
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]+$/, "");
}

/**
 * The write-up of a choice: each candidate's mean (and on how many images it is the best), the
 * full-set choice, what leave-one-image-out and the two halves say about it, and the held-out
 * table image by image.
 */
export function chooseMarkdown(table: CandidateTable, g: Generalisation): string {
  const info = METRIC_INFO[table.metric];
  const d = table.metric === "deltaE2000" || table.metric === "rmse" ? 3 : 4;
  const f = (v: number) => v.toFixed(d);
  const cand = (c: number) => table.candidates[c];
  const n = table.images.length;
  const all = table.images.map((_, i) => i);
  const bestOn = table.candidates.map((_, c) => g.heldOut.filter((h) => h.best === c).length);
  const means = table.candidates.map((_, c) => all.reduce((s, i) => s + table.scores[c][i], 0) / n);
  const order = table.candidates
    .map((_, c) => c)
    .sort((a, b) => (table.better === "lower" ? means[a] - means[b] : means[b] - means[a]));
  const lines: string[] = [];
  lines.push(
    `Mean ${info.label} on the right half (${table.better} is better) over ${n} images, seeds ${table.seeds.join(", ")}.`,
    "",
    markdownTable({
      headers: ["candidate", `mean ${info.label}`, "best on images", "chosen when left out"],
      rows: order.map((c) => [
        cand(c),
        f(means[c]),
        String(bestOn[c]),
        String(g.heldOut.filter((h) => h.chosen === c).length),
      ]),
    }),
    "",
    `Chosen on all ${n} images: **${cand(g.chosen)}** (mean ${f(g.chosenMean)}).`,
    `Leave one image out: the candidate chosen on the other ${n - 1} images scores a mean ${f(g.heldOutMean)} on the image left out; the choice is ${cand(g.chosen)} for ${g.agreeing} of ${n} images. Choosing the best candidate for each image, which no rule can know, would give ${f(g.oracleMean)}.`,
  );
  for (const h of g.halves) {
    lines.push(
      `Chosen on ${h.chosenOn.length} images (${h.chosenOn.map(name).join(", ")}): ${cand(h.chosen)}, which scores ${f(h.otherMean)} on the other ${n - h.chosenOn.length}, whose own choice scores ${f(h.otherOwnMean)} there.`,
    );
  }
  if (table.skipped.length > 0) lines.push(`Left out: ${table.skipped.join("; ")}.`);
  lines.push(
    "",
    markdownTable({
      headers: ["image left out", "chosen on the others", info.label, "best on it alone", info.label],
      rows: g.heldOut.map((h) => [name(h.image), cand(h.chosen), f(h.score), cand(h.best), f(h.bestScore)]),
    }),
  );
  return lines.join("\n");
}
