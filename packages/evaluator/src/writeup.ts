import { imageKey } from "./plan.js";
import type { AgentInfo, EvalResults, UnitAgent } from "./schema.js";
import { basicAgentName } from "./summarise.js";

/** One write-up question with answers built from plugin metadata and measured numbers. */
export interface WriteupSection {
  readonly id: string;
  readonly question: string;
  /** Bullet points; each is one statement traceable to the data or a plugin's own description. */
  readonly items: readonly string[];
}

const f = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : "n/a");

function described(a: AgentInfo, field: keyof AgentInfo["description"], what: string): string | null {
  const text = a.description[field];
  return text ? `${a.name} — ${what}: ${text}` : null;
}

/** The first seed's run of each agent on each image. */
function primaryRuns(results: EvalResults, agent: string): { image: string; run: UnitAgent }[] {
  const seed = results.plan.seeds[0];
  return results.units
    .filter((u) => u.seed === seed)
    .flatMap((u) =>
      u.agents.filter((a) => a.name === agent).map((run) => ({ image: imageKey(u.image), run })),
    );
}

function configText(a: AgentInfo): string {
  const parts = Object.entries(a.config).map(([k, v]) => {
    const spec = a.params[k];
    const isDefault = spec && JSON.stringify(spec.default) === JSON.stringify(v);
    return `${k} = ${JSON.stringify(v)}${isDefault ? " (default)" : ""}`;
  });
  return parts.length ? parts.join(", ") : "no parameters";
}

function p1(results: EvalResults): string[] {
  const out: string[] = [];
  for (const a of results.plan.agents) {
    out.push(
      `${a.name} (${a.plugin} ${a.version}, ${a.kind}, outputs ${a.output === "label" ? "a palette label" : "a free RGB colour"} per pixel): ${a.description.summary}`,
    );
    for (const [field, what] of [
      ["input", "input space"],
      ["output", "output space"],
      ["model", "model space"],
      ["loss", "loss"],
      ["algorithm", "learning algorithm"],
    ] as const) {
      const s = described(a, field, what);
      if (s) out.push(s);
    }
    const first = primaryRuns(results, a.name)[0];
    if (first && Object.keys(first.run.facts).length > 0) {
      const facts = Object.entries(first.run.facts)
        .map(([k, v]) => `${k} = ${v}`)
        .join(", ");
      out.push(`${a.name} — measured while fitting ${first.image}: ${facts}`);
    }
  }
  return out;
}

function p2(results: EvalResults): string[] {
  const out: string[] = [];
  for (const a of results.plan.agents) {
    out.push(`${a.name} ran with ${configText(a)}.`);
    for (const img of results.summary.images) {
      for (const s of img.sweeps.filter((x) => x.agent === a.name)) {
        const ok = s.points.filter((p) => p.deltaE2000.n > 0);
        if (ok.length === 0) continue;
        const best = ok.reduce((b, p) => (p.deltaE2000.mean < b.deltaE2000.mean ? p : b));
        const used = ok.find((p) => p.value === a.config[s.param]);
        out.push(
          `${a.name}.${s.param} on ${imageKey(img.image)}: the lowest validation ΔE2000 was ${f(best.deltaE2000.mean)} at ${s.param} = ${String(best.value)}` +
            (used ? `; the value used, ${String(used.value)}, gave ${f(used.deltaE2000.mean)}.` : "."),
        );
      }
    }
    const kept = primaryRuns(results, a.name).filter(
      (r) => r.run.bestEpoch !== null && r.run.history.length > 0,
    );
    if (kept.length > 0) {
      out.push(
        `${a.name} kept the parameters of the epoch with the best validation ${kept[0].run.metric ?? "score"}: ` +
          kept.map((r) => `epoch ${r.run.bestEpoch} of ${r.run.history.length} on ${r.image}`).join("; ") +
          ` (seed ${results.plan.seeds[0]}).`,
      );
    }
  }
  for (const img of results.summary.images) {
    if (img.kStudy) out.push(`Palette size for ${imageKey(img.image)}: ${img.kStudy.reason}`);
  }
  if (results.plan.kStudy && results.plan.kStudyAgent === null)
    out.push(
      "No k study ran: it needs a plugin that declares the basic role (with its strip study), and none was found.",
    );
  return out;
}

function p3(results: EvalResults): string[] {
  const out: string[] = [];
  for (const img of results.summary.images) {
    const u = results.units.find((x) => x.image === img.image)!;
    out.push(
      `${imageKey(img.image)}: split at column ${u.split.column} of ${u.width}; a k-means palette of ${results.plan.k} colours from the left half ` +
        `(${u.kmeans ? `${u.kmeans.iterations} Lloyd iterations for seed ${u.seed}` : "given"}); a validation strip of the ${u.split.validationColumns} left-half columns next to the split.`,
    );
  }
  for (const a of results.plan.agents) {
    const s = described(a, "preprocessing", "preprocessing");
    if (s) out.push(s);
  }
  return out;
}

function p4(results: EvalResults): string[] {
  const out: string[] = [];
  for (const a of results.plan.agents) {
    const s = described(a, "overfitting", "how overfitting is watched");
    if (s) out.push(s);
    for (const { image, run } of primaryRuns(results, a.name)) {
      const h = run.history;
      if (h.length === 0 || h[h.length - 1].validLoss === undefined) continue;
      const last = h[h.length - 1];
      const best = h.find((e) => e.epoch === run.bestEpoch) ?? last;
      const minValid = Math.min(...h.map((e) => e.validLoss ?? Number.POSITIVE_INFINITY));
      const trend =
        last.validLoss! > minValid * 1.001
          ? `validation loss rose ${f(((last.validLoss! - minValid) / minValid) * 100, 1)} % above its minimum by the last epoch while training loss went to ${f(last.trainLoss, 4)}: overfitting, which keeping epoch ${best.epoch} avoids`
          : "validation loss was still at its minimum at the last epoch: no overfitting was seen";
      out.push(
        `${a.name} on ${image}: at the kept epoch ${best.epoch} train loss ${f(best.trainLoss, 4)}, validation loss ${f(best.validLoss ?? Number.NaN, 4)}; ${trend}.`,
      );
    }
  }
  return out;
}

function p5(results: EvalResults): string[] {
  const { plan, summary } = results;
  const out: string[] = [];
  out.push(
    `Every agent of an image and seed was trained on the same left half, with the same k-means palette, the same validation strip and the same seed, and scored on the same right half: ` +
      `${results.units.length} such image-and-seed units, ${plan.agents.length} agent${plan.agents.length === 1 ? "" : "s"} each, with the gray and palette-ceiling reference rows computed on the same split.`,
  );
  if (plan.seeds.length > 1)
    out.push(
      `Each score is a mean ± sample standard deviation over ${plan.seeds.length} seeds (${plan.seeds.join(", ")}), so a difference smaller than the spread is not evidence.`,
    );
  if (plan.leakCheck) {
    out.push(
      results.leaks.length === 0
        ? "Leak check: with the right half's true colours scrambled (gray kept exact), every agent's prediction was byte-for-byte identical, so no right-half colour reached training."
        : `Leak check FAILED for ${results.leaks.join(", ")}: their predictions changed when only the right half's true colours changed.`,
    );
  }
  const basic = basicAgentName(plan);
  const overall = summary.overall.agents;
  const basicRow = overall.find((a) => a.name === basic);
  if (basic === undefined)
    out.push(
      "No agent of this evaluation declares the basic role, so no agent is compared with the basic agent.",
    );
  for (const a of overall) {
    const de = a.metrics.deltaE2000.mean;
    let s = `${a.name}: mean ΔE2000 ${f(de)}, label accuracy ${f(a.metrics.labelAccuracy.mean, 3)}, PSNR ${f(a.metrics.psnr.mean)} dB`;
    if (basicRow && a.name !== basic) {
      s += `; ${f(de - basicRow.metrics.deltaE2000.mean)} ΔE2000 against the basic agent, lower on ${a.beatsBasicOn} of ${summary.images.length} images`;
    }
    out.push(`${s}.`);
  }
  const gray = summary.images.map((i) => i.baselines.gray.deltaE2000.mean);
  const ceil = summary.images.map((i) => i.baselines.paletteCeiling.deltaE2000.mean);
  if (gray.length > 0) {
    out.push(
      `References: painting the gray value gives a mean ΔE2000 of ${f(gray.reduce((s, v) => s + v, 0) / gray.length)}; ` +
        `the true colours snapped to the palette (the best a palette agent can do) give ${f(ceil.reduce((s, v) => s + v, 0) / ceil.length)}.`,
    );
  }
  return out;
}

function p6(results: EvalResults): string[] {
  const out: string[] = [];
  const overall = results.summary.overall.agents.filter((a) => a.metrics.deltaE2000.n > 0);
  if (overall.length > 0) {
    const best = overall.reduce((b, a) => (a.metrics.deltaE2000.mean < b.metrics.deltaE2000.mean ? a : b));
    const perImage = results.summary.images
      .map((i) => ({
        image: imageKey(i.image),
        row: i.agents.find((a) => a.name === best.name),
        ceil: i.baselines.paletteCeiling,
      }))
      .filter((x) => x.row);
    const worst = perImage.reduce(
      (w, x) => (x.row!.metrics.deltaE2000.mean > w.row!.metrics.deltaE2000.mean ? x : w),
      perImage[0],
    );
    if (worst) {
      out.push(
        `The best agent overall, ${best.name}, is weakest on ${worst.image} (ΔE2000 ${f(worst.row!.metrics.deltaE2000.mean)}, ` +
          `accuracy ${f(worst.row!.metrics.labelAccuracy.mean, 3)} where the palette ceiling is ${f(worst.ceil.deltaE2000.mean)}): the first image to study.`,
      );
    }
  }
  for (const a of results.plan.agents) {
    const atEnd = primaryRuns(results, a.name).filter(
      (r) => r.run.history.length > 0 && r.run.bestEpoch === r.run.history[r.run.history.length - 1].epoch,
    );
    if (atEnd.length > 0)
      out.push(
        `${a.name} kept its last epoch on ${atEnd.map((r) => r.image).join(", ")}: its validation score was still improving, so a longer training budget may help.`,
      );
    for (const img of results.summary.images) {
      for (const s of img.sweeps.filter((x) => x.agent === a.name)) {
        const ok = s.points.filter((p) => p.deltaE2000.n > 0);
        if (ok.length === 0) continue;
        const best = ok.reduce((b, p) => (p.deltaE2000.mean < b.deltaE2000.mean ? p : b));
        const used = ok.find((p) => p.value === a.config[s.param]);
        // Only a gain larger than the seed-to-seed spread and than 1 % of the error is worth acting on.
        const gain = used ? used.deltaE2000.mean - best.deltaE2000.mean : 0;
        if (used && gain > Math.max(best.deltaE2000.sd, used.deltaE2000.sd, 0.01 * used.deltaE2000.mean)) {
          out.push(
            `Try ${a.name}.${s.param} = ${String(best.value)} on images like ${imageKey(img.image)}: validation ΔE2000 ${f(best.deltaE2000.mean)} against ${f(used.deltaE2000.mean)} with ${String(used.value)}.`,
          );
        }
      }
    }
  }
  for (const img of results.summary.images) {
    if (img.kStudy && img.kStudy.recommendedK !== results.plan.k) {
      out.push(
        `Use a palette of k = ${img.kStudy.recommendedK} instead of ${results.plan.k} on ${imageKey(img.image)}, per its k study.`,
      );
    }
  }
  if (out.length === 0)
    out.push(
      "The measurements above point to no single next step: every tuned value is already the best one measured.",
    );
  return out;
}

/** The assignment's write-up questions, each answered from plugin metadata and measured numbers. */
export function writeup(results: EvalResults): WriteupSection[] {
  return [
    {
      id: "p1",
      question: "Specification: input space, output space, model space, loss and learning algorithm",
      items: p1(results),
    },
    { id: "p2", question: "How were the parameters chosen?", items: p2(results) },
    {
      id: "p3",
      question: "What preprocessing was applied to the input and output data?",
      items: p3(results),
    },
    {
      id: "p4",
      question: "How was training handled and overfitting watched (train vs validation curves)?",
      items: p4(results),
    },
    {
      id: "p5",
      question: "How good is each agent compared to the basic agent, and is the comparison fair?",
      items: p5(results),
    },
    { id: "p6", question: "What would improve the results next?", items: p6(results) },
  ];
}
