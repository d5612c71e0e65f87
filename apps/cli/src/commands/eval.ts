import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { MIN_HEIGHT, MIN_WIDTH, throwIfAborted } from "@colorize/core";
import {
  clearFinishedUnits,
  collectImages,
  collectPairs,
  compareWithBaseline,
  copyImageGrids,
  DEFAULT_TOLERANCES,
  describeTolerance,
  type EvalResults,
  GATED_METRICS,
  makePlan,
  mergeResults,
  OUTPUT_FILES,
  parseIntList,
  parseShard,
  parseSweep,
  parseTolerances,
  planUnits,
  type RunEvaluationOptions,
  readResults,
  resultsJson,
  resultsMarkdown,
  runEvaluation,
  type SweepSpec,
  shardUnits,
  type UnitEvent,
  writeOutputs,
} from "@colorize/evaluator";
import { checkImage } from "@colorize/image-io";
import { findRole, type LoadedPlugin } from "@colorize/runtime";
import type { Command } from "commander";
import { RunFailedError, UsageError } from "../errors.js";
import { interruptSignal } from "../interrupt.js";
import type { Streams } from "../io.js";
import { checkEvalMemory, memoryLimitOption } from "../memory-check.js";
import { intOption, numberOption } from "../options.js";
import { checkOutputFolder } from "../output-check.js";
import { registerChooseCommand } from "./choose.js";
import { chooseAgents } from "./run.js";

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * The sweeps run when `--sweep` is not given: the one the basic agent's plugin declares in its
 * study, when it takes part (the k-NN agent's neighbour counts, figure 10 of the original report).
 */
export function defaultSweeps(agents: readonly { loaded: LoadedPlugin }[]): SweepSpec[] {
  const basic = findRole(
    agents.map((a) => a.loaded),
    "basic",
  );
  const study = basic?.plugin.study;
  return basic && study ? [{ agent: basic.short, param: study.param, values: [...study.sweep] }] : [];
}

const REPORT_FULL =
  "inline every full-size PNG in report.html (larger, for archiving) instead of display-size pictures";

/** The k study's range when `--k-study` is not given. */
export const DEFAULT_K_STUDY = "2..12";

/**
 * Progress of units on stderr: a redrawn bar on a terminal, one plain line per unit otherwise.
 * Returns the listener and a function that clears a live bar.
 */
export function evalProgress(
  err: Streams["err"],
  total: number,
): { onEvent: (e: UnitEvent) => void; end: () => void } {
  const tty = Boolean(err.isTTY) && !process.env.CI;
  const names = new Map<number, string>();
  const stages = new Map<number, string>();
  let done = 0;
  let live = false;
  const draw = () => {
    const width = 24;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const running = [...stages.entries()].map(([u, s]) => `${names.get(u)}: ${s}`).join(" | ");
    err.write(
      `\r\x1b[2K[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${running}`.slice(
        0,
        160,
      ),
    );
    live = true;
  };
  const stop = interruptSignal();
  const onEvent = (e: UnitEvent) => {
    // Once interrupted nothing more is written: a worker's event may still arrive while it stops.
    if (stop?.aborted) return;
    if (e.type === "unit-start") {
      names.set(e.unit, `${e.image.split("/").pop()} seed ${e.seed}`);
      stages.set(e.unit, "reading");
      if (!tty) err.write(`colorize: ${names.get(e.unit)} started\n`);
    } else if (e.type === "stage") {
      stages.set(e.unit, e.stage);
    } else {
      done++;
      stages.delete(e.unit);
      if (!tty)
        err.write(`colorize: ${names.get(e.unit)} done in ${e.seconds.toFixed(1)} s (${done}/${total})\n`);
    }
    if (tty) draw();
  };
  return {
    onEvent,
    end: () => {
      if (live) err.write("\r\x1b[2K");
      live = false;
    },
  };
}

/**
 * Runs an evaluation with its progress on stderr; an interrupt (SIGINT, SIGTERM) cancels it (the
 * run then fails with core's AbortError).
 */
export async function evaluateWithProgress(
  options: Omit<RunEvaluationOptions, "onEvent" | "signal">,
  io: Streams,
): Promise<Awaited<ReturnType<typeof runEvaluation>>> {
  const progress = evalProgress(io.err, shardUnits(planUnits(options.plan), options.shard ?? null).length);
  try {
    return await runEvaluation({ ...options, onEvent: progress.onEvent, signal: interruptSignal() });
  } finally {
    progress.end();
  }
}

/** Checks a results document against a baseline and reports; throws RunFailedError on a regression. */
function gate(
  results: EvalResults,
  baselinePath: string | undefined,
  tolerance: string[],
  io: Streams,
): void {
  if (!baselinePath) return;
  const baseline = readResults(baselinePath);
  const tolerances = { ...DEFAULT_TOLERANCES, ...parseTolerances(tolerance) };
  const g = compareWithBaseline(results, baseline, { tolerances });
  for (const f of g.failures) io.err.write(`colorize: regression: ${f}\n`);
  if (g.failures.length > 0) {
    throw new RunFailedError(
      `${g.failures.length} score(s) worse than the baseline ${baselinePath} beyond the tolerance`,
    );
  }
  const within = GATED_METRICS.map((m) => `${m} ${describeTolerance(tolerances[m])}`).join(", ");
  io.err.write(
    `colorize: gate passed: ${g.checked} mean scores of ${baselinePath}, ${g.exact} of them reproduced exactly (the basic agent and the reference rows), the others within ${within}\n`,
  );
}

/** Prints results (JSON or tables), writes the folder, then applies the leak check, failures and gate. */
async function finish(
  results: EvalResults,
  artifacts: Parameters<typeof writeOutputs>[2],
  o: {
    outDir?: string;
    json: boolean;
    baseline?: string;
    tolerance: string[];
    reportFull?: boolean;
    /** --jobs: the report's pictures are drawn on as many threads (1: on this one). */
    jobs?: number;
  },
  io: Streams,
): Promise<void> {
  throwIfAborted(interruptSignal());
  if (o.outDir) {
    await writeOutputs(o.outDir, results, artifacts, {
      report: o.reportFull ? "full" : "light",
      threads: o.jobs,
    });
    clearFinishedUnits(o.outDir);
  }
  io.out.write(o.json ? resultsJson(results) : `${resultsMarkdown(results)}\n`);
  if (o.outDir)
    io.err.write(`colorize: wrote ${join(o.outDir, OUTPUT_FILES.report)} and ${OUTPUT_FILES.json}\n`);
  if (results.leaks.length > 0) {
    throw new RunFailedError(
      `leak check failed: ${results.leaks.join(", ")} changed prediction when only the right half's true colours changed`,
    );
  }
  const errors = results.units.flatMap((u) =>
    u.errors.map((e) => `${u.image.split("/").pop()} seed ${u.seed} ${e.agent}: ${e.message}`),
  );
  if (errors.length > 0)
    throw new RunFailedError(`${errors.length} agent run(s) failed, first: ${errors[0]}`);
  gate(results, o.baseline, o.tolerance, io);
}

function toleranceOption(raw: unknown): string[] {
  const list = raw as string[];
  parseTolerances(list);
  return list;
}

/** Registers `colorize eval` and `colorize eval merge` on the program. */
export function registerEvalCommand(
  program: Command,
  io: Streams,
  plugins: () => Promise<LoadedPlugin[]>,
): void {
  const evalCmd = program
    .command("eval")
    .description(
      "compare every agent fairly over images and seeds; write results.json, results.md and report.html",
    )
    .argument("[inputs...]", "PNG or JPEG images, or folders of them")
    .option("--agents <names>", "all, or agents comma-separated", "all")
    .option("--param <name=value>", "agent parameter, AGENT.NAME=VALUE (repeatable)", collect, [])
    .option("--seeds <list>", "seeds, e.g. 0,1,2 or 0..4", "0")
    .option("--k <n>", "palette size of the comparison", "5")
    .option(
      "--validation-columns <n>",
      "validation strip width (default 10% of the left half, at most 131072 pixels)",
    )
    .option("--out-dir <dir>", "write results.json, results.md, report.html and the PNGs here")
    .option("--report-full", REPORT_FULL, false)
    .option("--json", "print the results document on stdout instead of the tables", false)
    .option(
      "--baseline <file>",
      "compare with a results.json; exit 1 when a score is worse beyond --tolerance",
    )
    .option(
      "--tolerance <metric=value>",
      "how much worse a metric may get (repeatable; a bare fraction sets the relative ones; defaults: see docs)",
      collect,
      [],
    )
    .option(
      "--sweep <agent.param=v1,v2>",
      "sweep a parameter on the validation strip (repeatable; default: the sweep the basic agent declares, see `colorize plugins`; none to skip)",
      collect,
      [],
    )
    .option(
      "--k-study <range>",
      "palette sizes of the k study of the basic agent, e.g. 2..32, or none",
      DEFAULT_K_STUDY,
    )
    .option(
      "--leak-check",
      "also run on a copy whose right-half colours are scrambled; fail if any prediction changes",
      false,
    )
    .option(
      "--shard <i/n>",
      "run only the i-th of n deterministic slices of the work (merge them with eval merge)",
    )
    .option(
      "--jobs <n>",
      "images evaluated at once on worker threads, and the report's pictures drawn on as many (1: inline, no workers)",
    )
    .option("--max-megapixels <n>", "refuse larger images before decoding them", "50")
    .option(
      "--max-memory <MiB>",
      "refuse, before any unit starts, an evaluation estimated to need more (default: 75% of memory)",
    )
    .option("--pairs <ref=target...>", "train on each REF, score on its TARGET (instead of images)")
    .option("--pairs-file <file>", "pairs, one REF=TARGET a line (paths relative to the file)", collect, [])
    .action(async (inputs: string[], o: Record<string, unknown>) => {
      const pairArgs = [(o.pairs as string[] | undefined) ?? [], o.pairsFile as string[]];
      const pairs = pairArgs.some((a) => a.length > 0) ? collectPairs(pairArgs[0], pairArgs[1]) : undefined;
      if (pairs && inputs.length > 0) throw new UsageError("give images or --pairs, not both");
      if (!pairs && inputs.length === 0)
        throw new UsageError("give at least one image or folder to evaluate");
      if (o.outDir !== undefined) checkOutputFolder(String(o.outDir), "--out-dir");
      const found = await plugins();
      const names =
        String(o.agents) === "all" ? found.map((p) => p.short) : String(o.agents).split(",").filter(Boolean);
      const chosen = chooseAgents(found, names, o.param as string[]);
      const agents = chosen.map((c) => ({ loaded: c.loaded, config: c.config }));
      const rawSweeps = o.sweep as string[];
      let sweeps: SweepSpec[];
      if (rawSweeps.length === 1 && rawSweeps[0] === "none") sweeps = [];
      else if (rawSweeps.length > 0) sweeps = rawSweeps.map(parseSweep);
      else sweeps = defaultSweeps(agents);
      const kStudy = String(o.kStudy) === "none" ? null : parseIntList("--k-study", String(o.kStudy), 1, 64);
      // The k study runs with the basic agent; when it is not evaluated, with the basic plugin's defaults.
      const basicPlugin = findRole(found, "basic");
      const basic = basicPlugin && { loaded: basicPlugin };
      const plan = makePlan({
        images: pairs ? [] : collectImages(inputs),
        pairs,
        seeds: parseIntList("--seeds", String(o.seeds), -(2 ** 31), 2 ** 31 - 1),
        agents,
        k: intOption("--k", String(o.k), 1, 255),
        validationColumns:
          o.validationColumns === undefined
            ? null
            : intOption("--validation-columns", String(o.validationColumns), 1, 1e6),
        kStudy,
        basic,
        sweeps,
        leakCheck: Boolean(o.leakCheck),
      });
      if (plan.kStudy && !plan.kStudyAgent)
        io.err.write("colorize: note: no k study: no plugin declares the basic role, whose study it runs\n");
      const shard = o.shard === undefined ? null : parseShard(String(o.shard));
      const tolerance = toleranceOption(o.tolerance);
      const jobs = o.jobs === undefined ? undefined : intOption("--jobs", String(o.jobs), 1, 256);
      const maxPixels = Math.floor(numberOption("--max-megapixels", String(o.maxMegapixels), 0.000001) * 1e6);
      await checkEvalMemory(
        plan.images,
        chosen,
        Math.min(jobs ?? availableParallelism(), shardUnits(planUnits(plan), shard).length),
        plan.leakCheck,
        maxPixels,
        memoryLimitOption(o.maxMemory),
      );
      // Every input is checked as its unit would read it, short of decoding, before any unit starts.
      const inputsToCheck = pairs ? pairs.flatMap((p) => [p.reference, p.target]) : plan.images;
      for (const path of new Set(inputsToCheck))
        await checkImage(path, { maxPixels, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT });
      const progress = evalProgress(io.err, shardUnits(planUnits(plan), shard).length);
      let out: Awaited<ReturnType<typeof runEvaluation>>;
      try {
        out = await runEvaluation({
          plan,
          agents,
          basic,
          shard,
          jobs,
          artifacts: o.outDir !== undefined,
          maxPixels,
          onEvent: progress.onEvent,
          signal: interruptSignal(),
          resumeDir: o.outDir as string | undefined,
        });
      } finally {
        progress.end();
      }
      if (out.resumed > 0)
        io.err.write(
          `colorize: resumed: ${out.resumed} unit(s) already finished in ${o.outDir} were not run again\n`,
        );
      await finish(
        out.results,
        out.artifacts,
        {
          outDir: o.outDir as string | undefined,
          json: Boolean(o.json),
          baseline: o.baseline as string | undefined,
          tolerance,
          reportFull: Boolean(o.reportFull),
          jobs,
        },
        io,
      );
    });

  registerChooseCommand(evalCmd, io, plugins);

  const merge = evalCmd
    .command("merge")
    .description("combine the results folders of `eval --shard` runs into one results.json and one report")
    .argument("<dirs...>", "output folders (or results.json files) of the shards")
    .option("--out-dir <dir>", "folder for the merged results and report (required)")
    .option("--report-full", REPORT_FULL, false)
    .option("--json", "print the merged results document on stdout", false)
    .option(
      "--baseline <file>",
      "compare with a results.json; exit 1 when a score is worse beyond --tolerance",
    )
    .option(
      "--tolerance <metric=value>",
      "how much worse a metric may get (repeatable; a bare fraction sets the relative ones; defaults: see docs)",
      collect,
      [],
    )
    .action(async (dirs: string[]) => {
      // `eval` declares the same options, and commander lets the parent take them wherever they appear.
      const own = merge.opts();
      const parent = evalCmd.opts();
      const o = Object.fromEntries(
        ["outDir", "json", "baseline", "tolerance", "reportFull"].map((k) => [
          k,
          merge.getOptionValueSource(k) === "default" || own[k] === undefined
            ? (parent[k] ?? own[k])
            : own[k],
        ]),
      );
      if (o.outDir === undefined) throw new UsageError("eval merge needs --out-dir");
      checkOutputFolder(String(o.outDir), "--out-dir");
      const merged = mergeResults(dirs.map(readResults));
      const outDir = String(o.outDir);
      for (const d of dirs) if (resolve(d) !== resolve(outDir)) copyImageGrids(d, outDir);
      await finish(
        merged,
        [],
        {
          outDir,
          json: Boolean(o.json),
          baseline: o.baseline as string | undefined,
          tolerance: toleranceOption(o.tolerance),
          reportFull: Boolean(o.reportFull),
        },
        io,
      );
    });
}
