import { resolve } from "node:path";
import {
  computeMetrics,
  type GrayImage,
  grayToRgb,
  labelPixels,
  type Metrics,
  type Palette,
  paintLabels,
  type RgbImage,
  throwIfAborted,
  toGray,
} from "@colorize/core";
import { readGray, readImage, writePng } from "@colorize/image-io";
import {
  applyAgent,
  type LoadedPlugin,
  readSnapshotFile,
  restoreSnapshot,
  type SnapshotDocument,
  SnapshotError,
} from "@colorize/runtime";
import { type Command, Option } from "commander";
import { UsageError } from "../errors.js";
import { interruptSignal } from "../interrupt.js";
import type { Streams } from "../io.js";
import { applyMemoryCheck, type MemoryLimit, memoryLimitOption } from "../memory-check.js";
import { maxPixelsOption } from "../options.js";
import { outputTarget } from "../output-path.js";
import { progressPrinter } from "../progress.js";
import { scoreTable } from "../table.js";
import { checkOutputPath } from "./output-checks.js";
import { jsonNumbers } from "./run.js";

/** Parsed options of `colorize apply`. */
export interface ApplyCommandOptions {
  readonly snapshot: string;
  readonly image: string;
  readonly out?: string;
  readonly force: boolean;
  readonly matchGray: boolean;
  readonly keepGray: boolean;
  readonly truth?: string;
  readonly json: boolean;
  readonly maxPixels: number;
  /** Refuse, from the photograph's header, a colouring whose estimated peak is above this. */
  readonly maxMemory?: MemoryLimit;
  readonly backend?: string;
}

/** The score rows of a coloured photograph against its true colours, as `colorize run` prints them. */
export function scoreAgainstTruth(
  truth: RgbImage,
  rgb: Uint8Array,
  labels: Uint8Array | undefined,
  gray: GrayImage,
  palette: Palette,
): { metrics: Metrics; baselines: { gray: Metrics; paletteCeiling: Metrics } } {
  const { width, height } = truth;
  const ceiling = labelPixels(palette, truth.data);
  return {
    metrics: computeMetrics(truth.data, rgb, width, height, palette, labels),
    baselines: {
      gray: computeMetrics(truth.data, grayToRgb(gray).data, width, height, palette),
      paletteCeiling: computeMetrics(
        truth.data,
        paintLabels(palette, ceiling),
        width,
        height,
        palette,
        ceiling,
      ),
    },
  };
}

/** Mean absolute difference between the truth's gray and the photograph's. */
function grayDifference(truth: RgbImage, gray: GrayImage): number {
  const t = toGray(truth).data;
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum += Math.abs(t[i] - gray.data[i]);
  return sum / t.length;
}

async function readTruth(path: string, gray: GrayImage, maxPixels: number): Promise<RgbImage> {
  const truth = await readImage(path, { maxPixels });
  if (truth.width !== gray.width || truth.height !== gray.height) {
    throw new UsageError(
      `--truth ${path} is ${truth.width}x${truth.height}, the photograph ${gray.width}x${gray.height}`,
    );
  }
  return truth;
}

function restored(plugins: readonly LoadedPlugin[], doc: SnapshotDocument, path: string) {
  try {
    return restoreSnapshot(doc, plugins, path);
  } catch (e) {
    if (e instanceof SnapshotError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * `colorize apply`: restores a saved agent, colours a gray photograph with it and writes the PNG
 * atomically; with `--truth` it also scores the result on the whole photograph. The snapshot, the
 * photograph, the truth and the output path are all checked before any colouring starts.
 */
export async function applyCommand(
  plugins: readonly LoadedPlugin[],
  opts: ApplyCommandOptions,
  io: Streams,
): Promise<void> {
  const snapshotPath = resolve(opts.snapshot);
  const imagePath = resolve(opts.image);
  const truthPath = opts.truth === undefined ? undefined : resolve(opts.truth);
  // The default name never collides (a numbered copy is chosen), as for `colorize run`.
  const target = outputTarget(imagePath, opts.out, opts.force);
  const outPath = target.path;
  checkOutputPath(outPath, [imagePath, snapshotPath, ...(truthPath ? [truthPath] : [])], opts.force, "--out");
  if (target.note) io.err.write(`colorize: ${target.note}\n`);
  let doc: SnapshotDocument;
  try {
    doc = await readSnapshotFile(snapshotPath);
  } catch (e) {
    if (e instanceof SnapshotError) throw new UsageError(e.message);
    throw e;
  }
  const { agent, palette } = restored(plugins, doc, snapshotPath);
  const owner = plugins.find((p) => p.name === doc.plugin.name);
  const { image: gray, source } = await readGray(imagePath, {
    maxPixels: opts.maxPixels,
    beforeDecode:
      opts.maxMemory &&
      owner &&
      applyMemoryCheck(
        opts.image,
        { kind: owner.plugin.meta.kind, output: owner.plugin.capabilities.output },
        opts.maxMemory,
      ),
  });
  const truth = truthPath ? await readTruth(truthPath, gray, opts.maxPixels) : undefined;
  const short = owner?.short ?? doc.plugin.name;
  const progress = progressPrinter(io.err, opts.json);
  const signal = interruptSignal();
  const t0 = performance.now();
  let applied: Awaited<ReturnType<typeof applyAgent>>;
  try {
    applied = await applyAgent(
      agent,
      doc.plugin.output,
      gray,
      { gray: doc.training.gray, paletteSize: palette.size },
      {
        seed: doc.seed,
        matchGray: opts.matchGray,
        keepGray: opts.keepGray,
        signal,
        backend: opts.backend,
        onProgress: (e) => {
          if (e.type === "stage")
            progress({ type: "progress", agent: short, stage: e.stage, fraction: e.fraction });
        },
      },
    );
  } finally {
    progress({ type: "done", seconds: 0 });
  }
  throwIfAborted(signal);
  const seconds = (performance.now() - t0) / 1000;
  await writePng(
    outPath,
    { width: gray.width, height: gray.height, data: applied.rgb },
    {
      inputPath: imagePath,
      force: opts.force,
    },
  );
  const scores = truth && scoreAgainstTruth(truth, applied.rgb, applied.labels, gray, palette);
  const difference = truth && grayDifference(truth, gray);
  if (difference !== undefined && difference > 1)
    io.err.write(
      `colorize: warning: the truth's gray differs from the photograph's by ${difference.toFixed(2)} on average; is it the same photograph?\n`,
    );
  if (opts.json) {
    const out = {
      snapshot: {
        path: snapshotPath,
        plugin: doc.plugin,
        seed: doc.seed,
        training: {
          image: doc.training.image,
          width: doc.training.width,
          height: doc.training.height,
          region: doc.training.region,
        },
      },
      image: { path: imagePath, width: gray.width, height: gray.height, source },
      options: { matchGray: opts.matchGray, keepGray: opts.keepGray },
      gray: applied.gray,
      onOwnGray: applied.onOwnGray,
      bands: applied.bands,
      backend: applied.backend,
      seconds,
      truth: truthPath ? { path: truthPath, grayDifference: difference } : null,
      metrics: scores?.metrics ?? null,
      baselines: scores?.baselines ?? null,
      output: outPath,
    };
    io.out.write(`${JSON.stringify(out, jsonNumbers, 2)}\n`);
    return;
  }
  if (scores) {
    const row = { name: short, metrics: scores.metrics, seconds, backend: applied.backend };
    io.out.write(`${scoreTable([row], scores.baselines)}\n`);
  }
  io.err.write(
    `colorize: wrote ${outPath} (${short}, ${applied.bands} band${applied.bands === 1 ? "" : "s"})\n`,
  );
}

/** Registers `colorize apply` on the program. */
export function registerApplyCommand(
  program: Command,
  io: Streams,
  plugins: () => Promise<LoadedPlugin[]>,
): void {
  program
    .command("apply")
    .description("colour a grayscale photograph with a saved agent (from `colorize train`)")
    .argument("<snapshot>", "the agent's snapshot file")
    .argument("<image>", "gray photograph: gray PNG or JPEG (8 or 16 bits), or a colour file taken as gray")
    .option("--out <path>", "output PNG (default: NAME.colorized.png beside the photograph)")
    .option("--force", "overwrite an existing output file", false)
    .option(
      "--match-gray",
      "remap the photograph's gray to the training photograph's mean and spread before matching (the output keeps its own gray)",
      false,
    )
    .option(
      "--keep-gray",
      "move every output colour onto the pixel's gray (palette agents: palette chroma at the pixel's gray)",
      false,
    )
    .option("--truth <image>", "the photograph's true colours: score the result on the whole image")
    .option("--json", "print one JSON document on stdout", false)
    .option("--max-megapixels <n>", "refuse larger images before decoding them", "50")
    .option(
      "--max-memory <MiB>",
      "refuse, from the photograph's header, a colouring whose estimated peak memory is above this (default: 75 % of this machine's memory)",
    )
    .addOption(new Option("--backend <name>", "compute backend to prefer").default("auto"))
    .action(async (snapshot: string, image: string, o: Record<string, unknown>) => {
      await applyCommand(
        await plugins(),
        {
          snapshot,
          image,
          out: o.out as string | undefined,
          force: Boolean(o.force),
          matchGray: Boolean(o.matchGray),
          keepGray: Boolean(o.keepGray),
          truth: o.truth as string | undefined,
          json: Boolean(o.json),
          maxPixels: maxPixelsOption(o.maxMegapixels),
          maxMemory: memoryLimitOption(o.maxMemory),
          backend: o.backend as string,
        },
        io,
      );
    });
}
