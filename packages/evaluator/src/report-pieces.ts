import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type CompareInput, compareView, type FileReader, type ReportMode } from "./report/compare-view.js";
import { svgToPng } from "./report/svg-png.js";

/**
 * One costly piece of an output folder, drawn apart from the rest (on a worker thread or inline):
 * a plot's PNG from its SVG, or an image's compare view (HTML) from the pictures in the folder.
 */
export type ReportPiece =
  | { readonly kind: "plot"; readonly svg: string }
  | { readonly kind: "compare"; readonly input: CompareInput };

/** A drawn piece: PNG bytes for a plot, HTML for a compare view. */
export type DrawnPiece = Uint8Array | string;

/** Reads the files an evaluation wrote under `outDir`; undefined for a missing one. */
export function folderReader(outDir: string): FileReader {
  return (file) => {
    const p = join(outDir, file);
    return existsSync(p) ? new Uint8Array(readFileSync(p)) : undefined;
  };
}

/** Draws one piece, reading pictures with `read`, exactly as report.html and `plots/` have it. */
export function drawPiece(piece: ReportPiece, read: FileReader, mode: ReportMode): DrawnPiece {
  return piece.kind === "plot" ? svgToPng(piece.svg) : compareView(piece.input, read, mode);
}
