import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "@colorize/image-io";
import type { Artifact } from "./artifacts.js";
import { resultsJson } from "./evaluate.js";
import { resultPlots } from "./plots.js";
import { renderReport } from "./report-html.js";
import { resultsMarkdown } from "./results-md.js";
import type { EvalResults } from "./schema.js";

/** The files an evaluation writes, relative to its output folder. */
export const OUTPUT_FILES = { json: "results.json", markdown: "results.md", report: "report.html" } as const;

/**
 * Writes an evaluation's output folder: the image grids, every plot (drawn from the results),
 * `results.json`, `results.md` and the self-contained `report.html`. Each file is written
 * atomically; image grids already in the folder (copied from shards) are kept and embedded.
 */
export async function writeOutputs(
  outDir: string,
  results: EvalResults,
  artifacts: readonly Artifact[],
): Promise<string[]> {
  mkdirSync(join(outDir, "images"), { recursive: true });
  mkdirSync(join(outDir, "plots"), { recursive: true });
  const written: string[] = [];
  for (const a of [...artifacts, ...resultPlots(results)]) {
    await writeFileAtomic(join(outDir, a.file), a.png);
    written.push(a.file);
  }
  const text = (s: string) => new TextEncoder().encode(s);
  await writeFileAtomic(join(outDir, OUTPUT_FILES.json), text(resultsJson(results)));
  await writeFileAtomic(join(outDir, OUTPUT_FILES.markdown), text(resultsMarkdown(results)));
  const read = (file: string) => {
    const p = join(outDir, file);
    return existsSync(p) ? new Uint8Array(readFileSync(p)) : undefined;
  };
  await writeFileAtomic(join(outDir, OUTPUT_FILES.report), text(renderReport(results, read)));
  written.push(OUTPUT_FILES.json, OUTPUT_FILES.markdown, OUTPUT_FILES.report);
  return written;
}

/** Copies the image grids of a shard's output folder into `outDir/images`. */
export function copyImageGrids(fromDir: string, outDir: string): void {
  const src = join(fromDir, "images");
  if (!existsSync(src)) return;
  mkdirSync(join(outDir, "images"), { recursive: true });
  for (const f of readdirSync(src))
    if (f.endsWith(".png")) copyFileSync(join(src, f), join(outDir, "images", f));
}
