import { METRIC_INFO } from "@colorize/core";
import { imageKey, slug } from "./plan.js";
import { curvesFile, kStudyFile, sweepFile } from "./plots.js";
import type { EvalResults } from "./schema.js";
import { imageTable, kStudyTable, overallTable, sweepTable, type Table } from "./tables.js";
import { writeup } from "./writeup.js";

/** Reads a PNG written under the output folder; undefined when it does not exist. */
export type PngReader = (file: string) => Uint8Array | undefined;

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function htmlTable(t: Table): string {
  const head = t.headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const rows = t.rows.map(
    (r) =>
      `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join("")}</tr>`,
  );
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function figure(read: PngReader, file: string, caption: string): string {
  const png = read(file);
  if (!png) return "";
  const src = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  return `<figure><img src="${src}" alt="${esc(caption)}" data-file="${esc(file)}"><figcaption>${esc(caption)} <span class="file">(${esc(file)})</span></figcaption></figure>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1180px;padding:1rem 1.5rem;color:#222}
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:13px}th,td{padding:.25rem .6rem;border-bottom:1px solid #e4e4e4;text-align:right;white-space:nowrap}
.scroll{overflow-x:auto}
th[scope=row],thead th:first-child{text-align:left}thead th{background:#f5f5f5}
figure{margin:1rem 0}img{max-width:100%;height:auto;border:1px solid #eee}figcaption{color:#555;font-size:13px}
.file{color:#999}nav a{margin-right:.8rem}.verdict{padding:.5rem .8rem;border-radius:4px;background:#eef7ee}.verdict.bad{background:#fbeaea}
li{margin:.3rem 0}
`;

// Marks each image once it has decoded, so a headless browser test can check every one rendered.
const SCRIPT = `
(function(){var imgs=[].slice.call(document.images),left=imgs.length;
function done(){document.body.setAttribute('data-images-ok',String(imgs.filter(function(i){return i.getAttribute('data-ok')==='1'}).length)+'/'+imgs.length)}
function mark(i){i.setAttribute('data-ok',i.naturalWidth>0?'1':'0');if(--left===0)done()}
if(!left)done();imgs.forEach(function(i){if(i.complete)mark(i);else{i.addEventListener('load',function(){mark(i)});i.addEventListener('error',function(){mark(i)})}})})();
`;

/**
 * `report.html`: one self-contained page (every PNG inline as a data: URI) with, per image, the
 * original, gray input and outputs side by side, the ΔE2000 heat maps, the score table and the
 * learned agents' curves; then the k study, the sweeps, and the write-up answered from the data.
 */
export function renderReport(results: EvalResults, read: PngReader): string {
  const { plan } = results;
  const parts: string[] = [];
  const title = "colorize evaluation";
  parts.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head><body>`,
  );
  parts.push(`<h1>${title}</h1>`);
  parts.push(
    `<p>${plan.images.length} image(s) × ${plan.seeds.length} seed(s) (${plan.seeds.join(", ")}); agents ${esc(plan.agents.map((a) => a.name).join(", "))}; palette k = ${plan.k}. ` +
      "Scores are on the right half, mean ± sample standard deviation over the seeds; ↑ higher is better, ↓ lower is better.</p>",
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
  const nav = [
    `<a href="#summary">summary</a>`,
    ...results.summary.images.map(
      (i) => `<a href="#img-${slug(imageKey(i.image))}">${esc(imageKey(i.image))}</a>`,
    ),
    results.summary.images.some((i) => i.kStudy) ? `<a href="#k-study">k study</a>` : "",
    plan.sweeps.length ? `<a href="#sweeps">sweeps</a>` : "",
    `<a href="#writeup">write-up</a>`,
  ];
  parts.push(`<nav>${nav.join("")}</nav>`);
  parts.push(`<section id="summary"><h2>Every image</h2>${htmlTable(overallTable(results))}`);
  parts.push(
    `<details><summary>What the metrics mean</summary><ul>${Object.values(METRIC_INFO)
      .map((m) => `<li><b>${esc(m.label)}</b> (${m.better} is better): ${esc(m.description)}</li>`)
      .join("")}</ul></details></section>`,
  );

  for (const img of results.summary.images) {
    const key = slug(imageKey(img.image));
    const name = imageKey(img.image);
    parts.push(`<section id="img-${key}"><h2>${esc(name)} (${img.width}×${img.height})</h2>`);
    parts.push(
      figure(
        read,
        `images/${key}-outputs.png`,
        `${name}: the original, the gray input the agents see, and each agent's output (left half in palette colours, right half predicted), seed ${plan.seeds[0]}`,
      ),
    );
    parts.push(
      figure(
        read,
        `images/${key}-heat.png`,
        `${name}: per-pixel ΔE2000 of each agent's right half against the truth, seed ${plan.seeds[0]}`,
      ),
    );
    parts.push(htmlTable(imageTable(img)));
    for (const a of plan.agents) {
      parts.push(
        figure(
          read,
          curvesFile(img.image, a.name),
          `${name}: ${a.name} training and validation curves, seed ${plan.seeds[0]}`,
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
      parts.push(figure(read, kStudyFile(img.image), `${name}: k study`));
      parts.push(htmlTable(kStudyTable(img)!));
    }
    parts.push("</section>");
  }

  if (plan.sweeps.length > 0) {
    parts.push(`<section id="sweeps"><h2>Parameter sweeps (validation strip)</h2>`);
    parts.push(
      "<p>Each value trains on the left half minus the validation strip and is scored on the strip; the right half is never used to choose a parameter.</p>",
    );
    for (const s of plan.sweeps) {
      parts.push(`<h3>${esc(s.agent)}.${esc(s.param)}</h3>`);
      parts.push(
        figure(
          read,
          sweepFile(s.agent, s.param),
          `${s.agent}: validation ΔE2000 and seconds against ${s.param}`,
        ),
      );
      parts.push(htmlTable(sweepTable(results, s.agent, s.param)));
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
  parts.push(`<script>${SCRIPT}</script></body></html>\n`);
  return parts.join("\n");
}
