import { parse, resolve } from "node:path";
import { MIN_HEIGHT, MIN_WIDTH, type Palette, throwIfAborted } from "@colorize/core";
import { readImage, writeFileAtomic } from "@colorize/image-io";
import {
  type LoadedPlugin,
  snapshotDocument,
  snapshotText,
  type TrainingRegion,
  trainAgent,
  trainingTask,
} from "@colorize/runtime";
import { type Command, Option } from "commander";
import { UsageError } from "../errors.js";
import { interruptSignal } from "../interrupt.js";
import type { Streams } from "../io.js";
import { type MemoryLimit, memoryLimitOption, trainMemoryCheck } from "../memory-check.js";
import { taskOptions } from "../options.js";
import { progressPrinter } from "../progress.js";
import { METRIC_COLUMNS, renderTable, scoreRow } from "../table.js";
import { checkOutputPath } from "./output-checks.js";
import { basicAgent, chooseAgents, jsonNumbers } from "./run.js";

/** Parsed options of `colorize train`. */
export interface TrainOptions {
  readonly image: string;
  /** Agent name; absent: the plugin of the basic role. */
  readonly agent?: string;
  readonly params: readonly string[];
  readonly region: TrainingRegion;
  readonly k: number;
  readonly seed: number;
  readonly palette?: Palette;
  readonly validationColumns?: number;
  readonly save?: string;
  readonly force: boolean;
  readonly json: boolean;
  readonly maxPixels: number;
  readonly backend?: string;
  /** Refuse, from the photograph's header, a training whose estimated peak is above this. */
  readonly maxMemory?: MemoryLimit;
}

/** `REFERENCE.AGENT.agent.json` beside the reference. */
export function defaultSnapshotPath(image: string, agent: string): string {
  const p = parse(resolve(image));
  return resolve(p.dir, `${p.name}.${agent}.agent.json`);
}

/**
 * `colorize train`: fits one agent on a colour photograph (all of it, or its left half as
 * `colorize run` does) and writes its snapshot file atomically. Everything that can be refused
 * (agent, parameters, paths, the photograph itself) is refused before training starts.
 */
export async function trainCommand(
  plugins: readonly LoadedPlugin[],
  opts: TrainOptions,
  io: Streams,
): Promise<void> {
  const [choice] = chooseAgents(plugins, [opts.agent ?? basicAgent(plugins)], opts.params);
  const { loaded } = choice;
  if (typeof loaded.plugin.restore !== "function")
    throw new UsageError(
      `plugin ${loaded.name} cannot restore agents (it has no restore), so its agents cannot be saved`,
    );
  const imagePath = resolve(opts.image);
  const savePath = resolve(opts.save ?? defaultSnapshotPath(imagePath, loaded.short));
  checkOutputPath(savePath, [imagePath], opts.force, "--save");
  const image = await readImage(imagePath, {
    maxPixels: opts.maxPixels,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    beforeDecode: opts.maxMemory && trainMemoryCheck(opts.image, choice, opts.region, opts.maxMemory),
  });
  const task = trainingTask(image, {
    region: opts.region,
    k: opts.k,
    seed: opts.seed,
    palette: opts.palette,
    validationColumns: opts.validationColumns,
  });
  const progress = progressPrinter(io.err, opts.json);
  const signal = interruptSignal();
  let trained: Awaited<ReturnType<typeof trainAgent>>;
  try {
    progress({ type: "agent-start", agent: loaded.short, index: 0, total: 1 });
    trained = await trainAgent(loaded, task, {
      config: choice.config,
      seed: opts.seed,
      signal,
      backend: opts.backend,
      onProgress: (e) => {
        if (e.type === "stage")
          progress({ type: "progress", agent: loaded.short, stage: e.stage, fraction: e.fraction });
        else if (e.type === "epoch") progress({ ...e, agent: loaded.short });
      },
    });
  } finally {
    progress({ type: "done", seconds: 0 });
  }
  throwIfAborted(signal);
  const doc = snapshotDocument(trained.agent.toJSON(), {
    output: loaded.plugin.capabilities.output,
    image,
    imagePath,
    task,
    seed: opts.seed,
    fit: trained.fit,
    metrics: { strip: trained.strip },
  });
  await writeFileAtomic(savePath, new TextEncoder().encode(snapshotText(doc)), { exclusive: !opts.force });
  const { training } = doc;
  if (opts.json) {
    const out = {
      snapshot: savePath,
      plugin: doc.plugin,
      config: doc.config,
      palette: doc.palette,
      seed: doc.seed,
      training: { ...training, path: imagePath },
      metrics: doc.metrics,
      fit: { bestEpoch: doc.fit.bestEpoch, metric: doc.fit.metric, epochs: doc.fit.history.length },
      fitSeconds: trained.fitSeconds,
      backend: trained.fit.backend ?? null,
    };
    io.out.write(`${JSON.stringify(out, jsonNumbers, 2)}\n`);
    return;
  }
  const [x0, x1] = training.columns;
  const where = `columns ${x0}..${x1 - 1} of ${training.width}x${training.height}`;
  if (trained.strip) {
    const headers = ["scored on", ...METRIC_COLUMNS.map((c) => c.header)];
    const label = `strip ${x1 - training.validationColumns}..${x1 - 1}`;
    io.out.write(`${renderTable(headers, [scoreRow(label, trained.strip)])}\n`);
    const late = trained.fit.facts?.stripEpochs;
    if (late)
      io.out.write(
        `(the agent trained on the strip too, for its last ${late === 1 ? "epoch" : `${late} epochs`}, once nothing was chosen on it: these scores show partly fit)\n`,
      );
  }
  io.err.write(
    `colorize: trained ${loaded.short} on ${where} in ${trained.fitSeconds.toFixed(2)} s; saved ${savePath}\n`,
  );
}

/** Registers `colorize train` on the program. */
export function registerTrainCommand(
  program: Command,
  io: Streams,
  plugins: () => Promise<LoadedPlugin[]>,
): void {
  const collect = (value: string, previous: string[]) => [...previous, value];
  program
    .command("train")
    .description(
      "train one agent on a colour photograph and save it as a snapshot file (see `colorize apply`)",
    )
    .argument("<image>", "the colour photograph (PNG or JPEG) to learn from")
    .option("--agent <name>", "agent to train (default: the plugin of the basic role)")
    .option("--param <name=value>", "agent parameter (repeatable)", collect, [])
    .addOption(
      new Option(
        "--region <region>",
        "all: the whole photograph, strip at its right edge; left: its left half, as `colorize run`",
      )
        .choices(["all", "left"])
        .default("all"),
    )
    .option("--k <n>", "palette size for k-means on the training band", "5")
    .option("--seed <n>", "seed of k-means and of the agent", "0")
    .option("--palette <file|json>", "fixed palette, a JSON array of [r,g,b], instead of k-means")
    .option(
      "--validation-columns <n>",
      "width of the validation strip (default 10% of the training band, at most 131072 pixels)",
    )
    .option("--save <path>", "snapshot file (default: NAME.AGENT.agent.json beside the photograph)")
    .option("--force", "overwrite an existing snapshot file", false)
    .option("--json", "print one JSON document on stdout", false)
    .option("--max-megapixels <n>", "refuse larger images before decoding them", "50")
    .option(
      "--max-memory <MiB>",
      "refuse, from the photograph's header, a training whose estimated peak memory is above this (default: 75 % of this machine's memory)",
    )
    .addOption(new Option("--backend <name>", "compute backend to prefer").default("auto"))
    .action(async (image: string, o: Record<string, unknown>) => {
      await trainCommand(
        await plugins(),
        {
          image,
          agent: o.agent as string | undefined,
          params: o.param as string[],
          region: o.region as TrainingRegion,
          ...taskOptions(o),
          save: o.save as string | undefined,
          force: Boolean(o.force),
          json: Boolean(o.json),
          backend: o.backend as string,
          maxMemory: memoryLimitOption(o.maxMemory),
        },
        io,
      );
    });
}
