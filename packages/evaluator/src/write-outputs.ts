import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "@colorize/image-io";
import type { Artifact } from "./artifacts.js";
import { resultsJson } from "./evaluate.js";
import { resultPlots } from "./plots.js";
import type { ReportMode } from "./report/compare-view.js";
import { svgToPng } from "./report/svg-png.js";
import { renderReport } from "./report-html.js";
import { resultsMarkdown } from "./results-md.js";
import type { EvalResults } from "./schema.js";

/** The files an evaluation writes, relative to its output folder. */
export const OUTPUT_FILES = { json: "results.json", markdown: "results.md", report: "report.html" } as const;

/** Options of {@link writeOutputs}. */
export interface WriteOutputsOptions {
  /**
   * `light` (default): report.html inlines display-size compressed pictures that link to the
   * full-size PNGs beside it; `full`: it inlines every full-size PNG (larger, for archiving).
   */
  readonly report?: ReportMode;
}

/**
 * Writes an evaluation's output folder: the full-size pictures (`images/<image>/`), every plot as
 * SVG and PNG (`plots/`, drawn from the results), `results.json`, `results.md` and the
 * self-contained `report.html`. Each file is written atomically; pictures already in the folder
 * (copied from shards) are kept and embedded.
 * @returns the files written, relative to `outDir`
 */
export async function writeOutputs(
  outDir: string,
  results: EvalResults,
  artifacts: readonly Artifact[],
  options: WriteOutputsOptions = {},
): Promise<string[]> {
  const written: string[] = [];
  const put = async (file: string, bytes: Uint8Array) => {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    await writeFileAtomic(join(outDir, file), bytes);
    written.push(file);
  };
  const text = (s: string) => new TextEncoder().encode(s);
  for (const a of artifacts) await put(a.file, a.png);
  const plots = resultPlots(results);
  for (const p of plots) {
    await put(`${p.name}.svg`, text(p.svg));
    await put(`${p.name}.png`, svgToPng(p.svg));
  }
  await put(OUTPUT_FILES.json, text(resultsJson(results)));
  await put(OUTPUT_FILES.markdown, text(resultsMarkdown(results)));
  const read = (file: string) => {
    const p = join(outDir, file);
    return existsSync(p) ? new Uint8Array(readFileSync(p)) : undefined;
  };
  await put(OUTPUT_FILES.report, text(renderReport(results, { read, plots, mode: options.report })));
  return written;
}

/** Copies the pictures of a shard's output folder (its `images/` tree) into `outDir/images`. */
export function copyImageGrids(fromDir: string, outDir: string): void {
  const src = join(fromDir, "images");
  if (!existsSync(src)) return;
  // Folders and finished PNGs only: never a temporary file of an interrupted write.
  cpSync(src, join(outDir, "images"), {
    recursive: true,
    filter: (f) => f.endsWith(".png") || statSync(f).isDirectory(),
  });
}
