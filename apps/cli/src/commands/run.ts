import { resolve } from "node:path";
import {
  composeOutput,
  MIN_HEIGHT,
  MIN_WIDTH,
  type Palette,
  parseConfig,
  throwIfAborted,
} from "@colorize/core";
import { readImage, writePng } from "@colorize/image-io";
import {
  type AgentChoice,
  type EngineEvent,
  findPlugin,
  findRole,
  type LoadedPlugin,
  runComparison,
} from "@colorize/runtime";
import { RunFailedError, UsageError } from "../errors.js";
import { interruptSignal } from "../interrupt.js";
import { defaultImagePath, type Streams } from "../io.js";
import { type MemoryLimit, runMemoryCheck } from "../memory-check.js";
import { paramOptions } from "../options.js";
import { checkOutputFile } from "../output-check.js";
import { outputTarget } from "../output-path.js";
import { progressPrinter } from "../progress.js";
import { scoreTable, verdictLine } from "../table.js";

/** Parsed options of `colorize run`. */
export interface RunOptions {
  readonly image?: string;
  /** Agent names; none: the plugin of the basic role. */
  readonly agents: readonly string[];
  readonly params: readonly string[];
  readonly k: number;
  readonly seed: number;
  readonly palette?: Palette;
  readonly validationColumns?: number;
  readonly out?: string;
  readonly force: boolean;
  readonly json: boolean;
  readonly maxPixels: number;
  /** Refuse, before decoding, an image whose run is estimated to need more memory (default: none). */
  readonly maxMemory?: MemoryLimit;
  readonly backend?: string;
}

/** Resolves agent names and `--param` values into validated choices. */
export function chooseAgents(
  plugins: readonly LoadedPlugin[],
  names: readonly string[],
  rawParams: readonly string[],
): AgentChoice[] {
  const params = paramOptions(rawParams);
  const chosen = names.map((n) => findPlugin(plugins, n));
  const seen = new Set<string>();
  for (const c of chosen) {
    if (seen.has(c.short)) throw new UsageError(`agent ${c.short} is named twice`);
    seen.add(c.short);
  }
  for (const p of params) {
    if (p.agent && !chosen.some((c) => c.short === p.agent || c.name === p.agent)) {
      throw new UsageError(`--param ${p.agent}.${p.name}: agent ${p.agent} is not in this run`);
    }
    const targets = chosen.filter((c) =>
      p.agent ? c.short === p.agent || c.name === p.agent : p.name in c.plugin.params,
    );
    if (targets.length === 0)
      throw new UsageError(`--param ${p.name}: no agent of this run has that parameter`);
  }
  return chosen.map((loaded) => {
    const mine: Record<string, unknown> = {};
    for (const p of params) {
      if (p.agent ? loaded.short === p.agent || loaded.name === p.agent : p.name in loaded.plugin.params)
        mine[p.name] = p.value;
    }
    // Validate now so a bad value is a usage error before any work starts; creating the (untrained,
    // side-effect-free) agent also checks combinations that each value alone cannot (a ConfigError).
    const config = parseConfig(loaded.plugin.params, mine);
    loaded.plugin.create(config);
    return { loaded, config };
  });
}

/** The short name of the plugin of the basic role: the agent run when none is named. */
export function basicAgent(plugins: readonly LoadedPlugin[]): string {
  const basic = findRole(plugins, "basic");
  if (!basic) {
    throw new UsageError(
      `no plugin declares the basic role; name an agent with --agent (known: ${plugins.map((p) => p.short).join(", ") || "none"})`,
    );
  }
  return basic.short;
}

/** Tells an agent's plugin it is about to run (`Plugin.warm`): a hint that never fails the run. */
function warmAgent(a: AgentChoice): void {
  try {
    a.loaded.plugin.warm?.(parseConfig(a.loaded.plugin.params, a.config ?? {}));
  } catch {
    // the agent reports a bad configuration itself when it runs
  }
}

/** `colorize run`: colours one photograph, writes the output image and prints the scores. */
export async function runCommand(
  plugins: readonly LoadedPlugin[],
  opts: RunOptions,
  io: Streams,
): Promise<void> {
  const agents = chooseAgents(
    plugins,
    opts.agents.length > 0 ? opts.agents : [basicAgent(plugins)],
    opts.params,
  );
  const imagePath = resolve(opts.image ?? defaultImagePath());
  const target = outputTarget(imagePath, opts.out, opts.force);
  const outPath = target.path;
  checkOutputFile(outPath, opts.out === undefined ? "output" : "--out");
  const image = await readImage(imagePath, {
    maxPixels: opts.maxPixels,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    beforeDecode: (info) => {
      if (opts.maxMemory) runMemoryCheck(opts.image ?? imagePath, agents, opts.maxMemory)(info);
      // The header is accepted: agents that start threads may start them while the image decodes.
      for (const a of agents) warmAgent(a);
    },
  });
  if (target.note) io.err.write(`colorize: ${target.note}\n`);
  const progress = progressPrinter(io.err, opts.json);
  const signal = interruptSignal();
  let result: Awaited<ReturnType<typeof runComparison>>;
  try {
    result = await runComparison(
      {
        image,
        imagePath,
        agents,
        k: opts.k,
        seed: opts.seed,
        palette: opts.palette,
        validationColumns: opts.validationColumns,
        signal,
        backend: opts.backend,
      },
      (e: EngineEvent) => progress(e),
    );
  } finally {
    progress({ type: "done", seconds: 0 });
  }
  throwIfAborted(signal);
  const first = result.agents[0];
  let written: string | null = null;
  if (first) {
    const output = composeOutput(result.task, result.outputs.get(first.name)!);
    await writePng(outPath, output, { inputPath: imagePath, force: opts.force });
    written = outPath;
  }
  if (opts.json) {
    const doc = {
      image: result.image,
      split: { column: result.task.split.column, validationColumns: result.task.train.validationColumns },
      palette: result.palette,
      kmeansBackend: result.kmeansBackend,
      agents: result.agents.map((a) => ({
        name: a.name,
        plugin: a.plugin,
        config: a.config,
        metrics: a.metrics,
        seconds: a.seconds,
        fitSeconds: a.fitSeconds,
        predictSeconds: a.predictSeconds,
        backend: a.backend,
      })),
      baselines: result.baselines,
      errors: result.errors,
      output: written,
    };
    io.out.write(`${JSON.stringify(doc, jsonNumbers, 2)}\n`);
  } else {
    io.out.write(`${scoreTable(result.agents, result.baselines)}\n`);
    const line = verdictLine(result.agents, agents);
    if (line) io.out.write(`\n${line}\n`);
    if (written) io.err.write(`colorize: wrote ${written} (left: palette colours, right: ${first!.name})\n`);
  }
  if (result.errors.length > 0) {
    throw new RunFailedError(result.errors.map((e) => `${e.agent}: ${e.message}`).join("; "));
  }
}

/** JSON has no Infinity or NaN: write them as null (documented in the README). */
export function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
