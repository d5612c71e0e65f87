import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { METRIC_INFO, type Metrics, parseConfig } from "@colorize/core";
import {
  candidateTable,
  chooseMarkdown,
  collectImages,
  type EvalResults,
  generalisation,
  makePlan,
  parseIntList,
  readResults,
  resultsJson,
} from "@colorize/evaluator";
import { writeFileAtomic } from "@colorize/image-io";
import { findPlugin, type LoadedPlugin } from "@colorize/runtime";
import type { Command } from "commander";
import { RunFailedError, UsageError } from "../errors.js";
import type { Streams } from "../io.js";
import { intOption, numberOption, paramOptions } from "../options.js";
import { evaluateWithProgress } from "./eval.js";

const collect = (value: string, previous: string[]) => [...previous, value];
const utf8 = (s: string) => new TextEncoder().encode(s);

/** One candidate: its label and its partial configuration. */
export interface Candidate {
  readonly label: string;
  readonly config: Record<string, string>;
}

/**
 * The candidates of `--param NAME=V1,V2` options: every combination of the values, the first
 * value of each first. A list-valued parameter takes its values separated by `/` (commas belong
 * to a value: `context=2,4,8/4,8`); `/` also separates the values of any other parameter.
 */
export function candidatesOf(
  loaded: LoadedPlugin,
  raw: readonly string[],
  fixed: Readonly<Record<string, string>>,
): Candidate[] {
  const axes = paramOptions(raw).map((p) => {
    if (p.agent)
      throw new UsageError(`--param ${p.agent}.${p.name}: name the parameter alone, without an agent`);
    const spec = loaded.plugin.params[p.name];
    if (!spec) throw new UsageError(`--param ${p.name}: ${loaded.short} has no such parameter`);
    const list = spec.type.endsWith("-list");
    const values = (p.value.includes("/") || list ? p.value.split("/") : p.value.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 0) throw new UsageError(`--param ${p.name} needs at least one value`);
    return { name: p.name, values };
  });
  if (axes.length === 0) throw new UsageError("give the candidates with --param NAME=V1,V2,...");
  let combos: Record<string, string>[] = [{}];
  for (const a of axes) combos = combos.flatMap((c) => a.values.map((v) => ({ ...c, [a.name]: v })));
  if (combos.length < 2) throw new UsageError("choosing needs at least two candidates");
  return combos.map((c) => {
    const config = { ...fixed, ...c };
    // Validate now so a bad value is a usage error before any work starts.
    parseConfig(loaded.plugin.params, config);
    const label = `${loaded.short} ${Object.entries(c)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`;
    return { label, config };
  });
}

function metricOption(raw: string): keyof Metrics {
  if (!(raw in METRIC_INFO))
    throw new UsageError(`--metric must be one of ${Object.keys(METRIC_INFO).join(", ")}, got ${raw}`);
  return raw as keyof Metrics;
}

/** Registers `colorize eval choose` under the eval command. */
export function registerChooseCommand(
  evalCmd: Command,
  io: Streams,
  plugins: () => Promise<LoadedPlugin[]>,
): void {
  const choose = evalCmd
    .command("choose")
    .description(
      "choose a parameter's default across images by its right-half score, and say how the choice holds on images it did not see (leave one out, two halves)",
    )
    .argument("[inputs...]", "PNG or JPEG images, or folders of them")
    .option("--agent <name>", "the agent whose parameter is chosen")
    .option(
      "--param <name=v1,v2>",
      "candidate values, separated by commas, or by / where the parameter is a list (hidden=48,24/64,32); repeatable: every combination is a candidate",
      collect,
      [],
    )
    .option("--set <name=value>", "a parameter held fixed for every candidate (repeatable)", collect, [])
    .option("--metric <name>", "the score the choice is made on", "deltaE2000")
    .option("--from <results>", "choose among the agents of an existing results.json instead of running")
    .option("--seeds <list>", "seeds, e.g. 0,1,2", "0")
    .option("--k <n>", "palette size", "5")
    .option("--jobs <n>", "images evaluated at once on worker threads")
    .option("--max-megapixels <n>", "refuse larger images before decoding them", "50")
    .option("--out-dir <dir>", "write the evaluation's results.json and choose.md here")
    .option("--json", "print the choice as JSON instead of Markdown", false)
    .action(async (inputs: string[]) => {
      // `eval` declares some of the same options, and commander lets the parent take them wherever they appear.
      const own = choose.opts();
      const parent = evalCmd.opts();
      const o = Object.fromEntries(
        choose.options
          .map((opt) => opt.attributeName())
          .map((k) => {
            const mine = choose.getOptionValueSource(k) !== "default" && own[k] !== undefined;
            const theirs = parent[k] !== undefined && evalCmd.getOptionValueSource(k) !== "default";
            return [k, mine || !theirs ? own[k] : parent[k]];
          }),
      ) as Record<string, unknown>;
      const metric = metricOption(String(o.metric));
      let results: EvalResults;
      if (o.from !== undefined) {
        if (inputs.length > 0) throw new UsageError("give images or --from, not both");
        results = readResults(String(o.from));
      } else {
        if (inputs.length === 0) throw new UsageError("give at least one image or folder");
        if (o.agent === undefined) throw new UsageError("name the agent with --agent");
        const loaded = findPlugin(await plugins(), String(o.agent));
        const fixed = Object.fromEntries(
          paramOptions(o.set as string[]).map((p) => [p.name, p.value] as [string, string]),
        );
        const candidates = candidatesOf(loaded, o.param as string[], fixed);
        const agents = candidates.map((c) => ({ loaded, config: c.config, label: c.label }));
        const plan = makePlan({
          images: collectImages(inputs),
          seeds: parseIntList("--seeds", String(o.seeds), -(2 ** 31), 2 ** 31 - 1),
          agents,
          k: intOption("--k", String(o.k), 1, 255),
          validationColumns: null,
          kStudy: null,
          sweeps: [],
          leakCheck: false,
        });
        ({ results } = await evaluateWithProgress(
          {
            plan,
            agents,
            jobs: o.jobs === undefined ? undefined : intOption("--jobs", String(o.jobs), 1, 256),
            maxPixels: Math.floor(numberOption("--max-megapixels", String(o.maxMegapixels), 0.000001) * 1e6),
          },
          io,
        ));
      }
      const table = candidateTable(results, metric);
      const g = generalisation(table);
      const md = chooseMarkdown(table, g);
      if (o.outDir !== undefined) {
        const dir = String(o.outDir);
        mkdirSync(dir, { recursive: true });
        if (o.from === undefined)
          await writeFileAtomic(join(dir, "results.json"), utf8(resultsJson(results)));
        await writeFileAtomic(join(dir, "choose.md"), utf8(`${md}\n`));
        io.err.write(`colorize: wrote ${join(dir, "choose.md")}\n`);
      }
      io.out.write(o.json ? `${JSON.stringify({ table, generalisation: g }, null, 2)}\n` : `${md}\n`);
      const errors = results.units.flatMap((u) =>
        u.errors.map((e) => `${u.image} seed ${u.seed} ${e.agent}: ${e.message}`),
      );
      if (errors.length > 0)
        throw new RunFailedError(`${errors.length} agent run(s) failed, first: ${errors[0]}`);
    });
}
