import { availableParallelism } from "node:os";
import { builtWorker, runWorkerJob, workerError } from "@colorize/runtime";
import type { ReportMode } from "./report/compare-view.js";
import { type DrawnPiece, drawPiece, folderReader, type ReportPiece } from "./report-pieces.js";

/** What each report worker is given: every piece, and the shared counter of the next one to draw. */
export interface ReportWorkerData {
  readonly pieces: readonly ReportPiece[];
  readonly outDir: string;
  readonly mode: ReportMode;
  /** One Int32: the index of the next piece to draw, taken with `Atomics.add`. */
  readonly next: SharedArrayBuffer;
}

/** Messages from a report worker. */
export type ReportWorkerMessage =
  | { type: "piece"; index: number; value: DrawnPiece }
  | { type: "done" }
  | { type: "error"; name: string; message: string };

/** Options of {@link drawPieces}. */
export interface DrawOptions {
  /** The output folder the compare views read their pictures from. */
  readonly outDir: string;
  readonly mode: ReportMode;
  /**
   * Worker threads, at most one per piece (default `availableParallelism()`); 1 draws every piece
   * on this thread. Given explicitly, a missing built worker is an error; by default the pieces
   * are then drawn on this thread (the same bytes, only slower).
   */
  readonly threads?: number;
}

/**
 * Fewer pieces than this are drawn on this thread: starting a worker (loading the image codecs
 * and the SVG renderer) costs about as much CPU as drawing two plots.
 */
export const MIN_WORKER_PIECES = 4;

function drawInline(pieces: readonly ReportPiece[], options: DrawOptions): DrawnPiece[] {
  const read = folderReader(options.outDir);
  return pieces.map((p) => drawPiece(p, read, options.mode));
}

/**
 * Draws the pieces of an output folder, each on whichever worker thread is free (or all on this
 * thread), and gives them back in the order of `pieces`, whatever order they finish in. The first
 * failure stops every worker and is thrown as it was raised (one line).
 */
export async function drawPieces(
  pieces: readonly ReportPiece[],
  options: DrawOptions,
): Promise<DrawnPiece[]> {
  const threads = Math.min(options.threads ?? availableParallelism(), pieces.length);
  if (threads <= 1 || pieces.length < MIN_WORKER_PIECES) return drawInline(pieces, options);
  const file = builtWorker(import.meta.url, "report-worker.js");
  if (!file) {
    if (options.threads === undefined) return drawInline(pieces, options);
    throw new Error("the report worker is not built; run the build first or draw on one thread");
  }
  const drawn: DrawnPiece[] = new Array(pieces.length);
  const data: ReportWorkerData = {
    pieces,
    outDir: options.outDir,
    mode: options.mode,
    next: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
  };
  const stop = new AbortController();
  let failed: unknown;
  const lane = () =>
    runWorkerJob<void, ReportWorkerMessage>({
      file,
      workerData: data,
      label: "a report worker",
      signal: stop.signal,
      read: (m) => {
        if (m.type === "piece") drawn[m.index] = m.value;
        else if (m.type === "done") return { value: undefined };
        else return { error: workerError(m.name, m.message) };
        return undefined;
      },
    }).catch((err: unknown) => {
      // The first failure is the one to report; the others are the workers it stopped.
      failed ??= err;
      stop.abort();
    });
  await Promise.all(Array.from({ length: threads }, lane));
  if (failed !== undefined) throw failed;
  return drawn;
}
