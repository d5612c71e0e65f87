import { METRIC_INFO } from "@colorize/core";
import { imageKey, slug } from "./plan.js";
import { curvesPlot, kStudyPlot, type Plot, sweepPlot } from "./plots.js";
import { type CompareInput, compareView, type FileReader, type ReportMode } from "./report/compare-view.js";
import { esc, htmlTable } from "./report/html.js";
import { REPORT_SCRIPT, REPORT_STYLE } from "./report/page-assets.js";
import type { EvalResults } from "./schema.js";
import { formatStat } from "./stats.js";
import { imageTable, kStudyTable, overallTable, type Table } from "./tables.js";
import { verdict } from "./verdict.js";
import { writeup } from "./writeup.js";

export type { FileReader, ReportMode } from "./report/compare-view.js";

/** What a report is drawn from besides the results document. */
export interface ReportSources {
  /** Reads the full-size pictures written under the output folder. */
  readonly read: FileReader;
  /** The plots of the document (see `resultPlots`), inlined as SVG. */
  readonly plots: readonly Plot[];
  /** `light` (default): display-size compressed pictures; `full`: every full-size PNG inline. */
  readonly mode?: ReportMode;
  /**
   * Compare views drawn beforehand (e.g. on worker threads), by image key (see
   * {@link compareInputs}), in the same mode; an image without one is drawn here from `read`.
   */
  readonly views?: ReadonlyMap<string, string>;
}

/**
 * What the compare view of each image shows: its first seed's unit, every agent in plan order.
 * Images without a unit of that seed (a shard's partial results) have none.
 */
export function compareInputs(results: EvalResults): CompareInput[] {
  const { plan } = results;
  const seed = plan.seeds[0];
  const out: CompareInput[] = [];
  for (const img of results.summary.images) {
    const unit = results.units.find((u) => u.image === img.image && u.seed === seed);
    if (!unit) continue;
    out.push({
      key: slug(imageKey(img.image)),
      name: imageKey(img.image),
      width: unit.width,
      height: unit.height,
      column: unit.split.column,
      seed,
      agents: plan.agents.map((a) => ({
        name: a.name,
        deltaE2000: unit.agents.find((r) => r.name === a.name)?.metrics.deltaE2000 ?? Number.NaN,
      })),
    });
  }
  return out;
}

function figure(plot: Plot | undefined, caption: string): string {
  if (!plot) return "";
  const files = `<span class="file">(<a href="${esc(plot.name)}.svg">SVG</a> · <a href="${esc(plot.name)}.png">PNG</a>)</span>`;
  return `<figure class="plot" data-plot="${esc(plot.name)}">${plot.svg}<figcaption>${esc(caption)} ${files}</figcaption></figure>`;
}

/** The best row of an agents table by mean ΔE2000 (lower is better), marked "best". */
function bestRow(rows: readonly { deltaE2000: number }[]): Map<number, string> {
  let best = -1;
  rows.forEach((r, i) => {
    if (Number.isFinite(r.deltaE2000) && (best < 0 || r.deltaE2000 < rows[best].deltaE2000)) best = i;
  });
  return best >= 0 && rows.length > 1 ? new Map([[best, "best"]]) : new Map();
}

/**
 * One sweep with the images as rows (validation ΔE2000, then seconds) and the swept values as
 * columns, so that it fits a 1280 px window however many images there are.
 */
function sweepHtmlTable(results: EvalResults, agent: string, param: string): Table {
  const spec = results.plan.sweeps.find((s) => s.agent === agent && s.param === param)!;
  return {
    headers: [`image, ${param} =`, ...spec.values.map(String)],
    rows: results.summary.images.flatMap((img) => {
      const s = img.sweeps.find((q) => q.agent === agent && q.param === param);
      const at = (v: unknown) => s?.points.find((q) => q.value === v);
      return [
        [
          `${imageKey(img.image)} ΔE00`,
          ...spec.values.map((v) => {
            const p = at(v);
            return p ? `${formatStat(p.deltaE2000, 2)}${p.failed > 0 ? ` (${p.failed} failed)` : ""}` : "";
          }),
        ],
        [
          `${imageKey(img.image)} seconds`,
          ...spec.values.map((v) => (at(v) ? formatStat(at(v)!.seconds, 2) : "")),
        ],
      ];
    }),
  };
}

/**
 * `report.html`: one self-contained page that opens with no server. Per image a before/after view
 * (the original against each agent's output or the gray input, with the ΔE2000 heat map as a
 * layer), its score table and the learned agents' curves; then the k study, the sweeps, and the
 * write-up answered from the data. Plots are inline SVG; pictures are inline at display size and
 * link to the full-size PNGs beside the page (every PNG inline with `mode: "full"`).
 */
export function renderReport(results: EvalResults, sources: ReportSources): string {
  const { plan } = results;
  const mode = sources.mode ?? "light";
  const plots = new Map(sources.plots.map((p) => [p.name, p]));
  const parts: string[] = [];
  const title = "colorize evaluation";
  parts.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${REPORT_STYLE}</style></head><body>`,
  );
  const nav = [
    `<a href="#summary">summary</a>`,
    ...results.summary.images.map(
      (i) => `<a href="#img-${slug(imageKey(i.image))}">${esc(imageKey(i.image))}</a>`,
    ),
    results.summary.images.some((i) => i.kStudy) ? `<a href="#k-study">k study</a>` : "",
    plan.sweeps.length ? `<a href="#sweeps">sweeps</a>` : "",
    `<a href="#writeup">write-up</a>`,
  ];
  parts.push(`<nav aria-label="sections">${nav.join("")}</nav>`);
  parts.push(`<h1>${title}</h1>`);
  parts.push(
    `<p>${plan.images.length} image(s) × ${plan.seeds.length} seed(s) (${plan.seeds.join(", ")}); agents ${esc(plan.agents.map((a) => a.name).join(", "))}; palette k = ${plan.k}. ` +
      "Scores are on the right half, mean ± sample standard deviation over the seeds; ↑ higher is better, ↓ lower is better.</p>",
  );
  const overall = results.summary.overall.agents;
  const role = (name: string) => plan.agents.find((a) => a.name === name)?.role ?? null;
  const v = verdict(
    overall.map((a) => ({ name: a.name, role: role(a.name), deltaE2000: a.metrics.deltaE2000.mean })),
  );
  if (v)
    parts.push(
      `<p class="verdict" id="verdict"><b>Best:</b> ${esc(v.text)} (mean over every image and seed).</p>`,
    );
  if (results.shard)
    parts.push(
      `<p class="verdict bad">Shard ${results.shard.index} of ${results.shard.count}: partial results.</p>`,
    );
  if (plan.leakCheck) {
    parts.push(
      results.leaks.length === 0
        ? `<p class="verdict">Leak check passed: scrambling the right half's true colours (gray kept exact) changed no agent's prediction.</p>`
        : `<p class="verdict bad">Leak check failed: ${esc(results.leaks.join(", "))} changed their prediction when only the right half's true colours changed.</p>`,
    );
  }
  parts.push(
    `<section id="summary"><h2>Every image</h2>${htmlTable(overallTable(results), bestRow(overall.map((a) => ({ deltaE2000: a.metrics.deltaE2000.mean }))))}`,
  );
  parts.push(
    `<details><summary>What the metrics mean</summary><ul>${Object.values(METRIC_INFO)
      .map((m) => `<li><b>${esc(m.label)}</b> (${m.better} is better): ${esc(m.description)}</li>`)
      .join("")}</ul></details></section>`,
  );

  const seed = plan.seeds[0];
  const compares = new Map(compareInputs(results).map((c) => [c.key, c]));
  for (const img of results.summary.images) {
    const key = slug(imageKey(img.image));
    const name = imageKey(img.image);
    parts.push(`<section id="img-${key}"><h2>${esc(name)} (${img.width}×${img.height})</h2>`);
    const compare = compares.get(key);
    if (compare) parts.push(sources.views?.get(key) ?? compareView(compare, sources.read, mode));
    parts.push(
      htmlTable(imageTable(img), bestRow(img.agents.map((a) => ({ deltaE2000: a.metrics.deltaE2000.mean })))),
    );
    for (const a of plan.agents) {
      parts.push(
        figure(
          plots.get(curvesPlot(img.image, a.name)),
          `${name}: ${a.name}'s loss per epoch (training and validation) and its validation score, seed ${seed}.`,
        ),
      );
    }
    parts.push("</section>");
  }

  if (results.summary.images.some((i) => i.kStudy)) {
    parts.push(`<section id="k-study"><h2>How many colours? The k study</h2>`);
    parts.push(
      "<p>For each k, on the left half minus the validation strip (the training band): its quantisation error against its own k-means palette (the elbow curve), and the basic agent trained there with that palette and scored on the strip (ΔE2000 and label accuracy). The right half is not used.</p>",
    );
    for (const img of results.summary.images) {
      if (!img.kStudy) continue;
      const name = imageKey(img.image);
      parts.push(`<h3>${esc(name)}</h3><p><b>Recommended:</b> ${esc(img.kStudy.reason)}</p>`);
      parts.push(figure(plots.get(kStudyPlot(img.image)), `${name}: the k study, mean ± sd over the seeds.`));
      parts.push(htmlTable(kStudyTable(img)!));
    }
    parts.push("</section>");
  }

  if (plan.sweeps.length > 0) {
    parts.push(`<section id="sweeps"><h2>Parameter sweeps (validation strip)</h2>`);
    parts.push(
      "<p>Each value trains on the left half minus the validation strip and is scored on the strip; the right half is never used to choose a parameter. </p>",
    );
    for (const s of plan.sweeps) {
      parts.push(`<h3>${esc(s.agent)}.${esc(s.param)}</h3>`);
      parts.push(
        figure(
          plots.get(sweepPlot(s.agent, s.param)),
          `${s.agent}: validation ΔE2000 and seconds against ${s.param}, one line per image.`,
        ),
      );
      parts.push(htmlTable(sweepHtmlTable(results, s.agent, s.param)));
    }
    parts.push("</section>");
  }

  parts.push(`<section id="writeup"><h2>Write-up, answered from the data</h2>`);
  parts.push(
    "<p>Each statement is either quoted from a plugin's own description (marked with its name) or computed from the numbers above.</p>",
  );
  for (const s of writeup(results)) {
    parts.push(
      `<h3 id="${s.id}">${esc(s.question)}</h3><ul>${s.items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`,
    );
  }
  parts.push("</section>");
  parts.push(`<script>${REPORT_SCRIPT}</script></body></html>\n`);
  return parts.join("\n");
}
