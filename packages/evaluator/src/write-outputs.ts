import { cpSync, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "@colorize/image-io";
import type { Artifact } from "./artifacts.js";
import { resultsJson } from "./evaluate.js";
import { resultPlots } from "./plots.js";
import type { ReportMode } from "./report/compare-view.js";
import { compareInputs, renderReport } from "./report-html.js";
import { folderReader, type ReportPiece } from "./report-pieces.js";
import { drawPieces } from "./report-pool.js";
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
  /**
   * Worker threads that draw the plots' PNGs and the compare views (default
   * `availableParallelism()`, at most one per piece); 1 draws them on this thread. The files are
   * the same bytes either way.
   */
  readonly threads?: number;
}

/**
 * Writes an evaluation's output folder: the full-size pictures (`images/<image>/`), every plot as
 * SVG and PNG (`plots/`, drawn from the results), `results.json`, `results.md` and the
 * self-contained `report.html`. The plots' PNGs and the images' compare views are drawn on worker
 * threads (see {@link WriteOutputsOptions.threads}); the page is assembled here from them. Each
 * file is written atomically; pictures already in the folder (copied from shards) are kept and
 * embedded.
 * @returns the files written, relative to `outDir`
 */
export async function writeOutputs(
  outDir: string,
  results: EvalResults,
  artifacts: readonly Artifact[],
  options: WriteOutputsOptions = {},
): Promise<string[]> {
  const mode = options.report ?? "light";
  const written: string[] = [];
  const put = async (file: string, bytes: Uint8Array) => {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    await writeFileAtomic(join(outDir, file), bytes);
    written.push(file);
  };
  const text = (s: string) => new TextEncoder().encode(s);
  for (const a of artifacts) await put(a.file, a.png);
  const plots = resultPlots(results);
  const compares = compareInputs(results);
  // The compare views read the pictures just written; the costliest pieces go first, so that no
  // worker is left with a long one at the end.
  const pieces: ReportPiece[] = [
    ...compares.map((input) => ({ kind: "compare" as const, input })),
    ...plots.map((p) => ({ kind: "plot" as const, svg: p.svg })),
  ];
  const drawn = await drawPieces(pieces, { outDir, mode, threads: options.threads });
  const views = new Map(compares.map((c, i) => [c.key, drawn[i] as string]));
  for (const [i, p] of plots.entries()) {
    await put(`${p.name}.svg`, text(p.svg));
    await put(`${p.name}.png`, drawn[compares.length + i] as Uint8Array);
  }
  await put(OUTPUT_FILES.json, text(resultsJson(results)));
  await put(OUTPUT_FILES.markdown, text(resultsMarkdown(results)));
  const report = renderReport(results, { read: folderReader(outDir), plots, mode, views });
  await put(OUTPUT_FILES.report, text(report));
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
