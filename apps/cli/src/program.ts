import { discoverPlugins, type LoadedPlugin } from "@colorize/runtime";
import { Command, CommanderError, Option } from "commander";
import { dashboardCommand } from "./commands/dashboard.js";
import { pluginsCommand } from "./commands/plugins.js";
import { runCommand } from "./commands/run.js";
import { EXIT_OK, EXIT_USAGE, exitCodeOf, oneLine, UsageError } from "./errors.js";
import { interrupted, trapInterrupts } from "./interrupt.js";
import { processStreams, type Streams } from "./io.js";
import { memoryLimitOption } from "./memory-check.js";
import { intOption, maxPixelsOption, taskOptions } from "./options.js";

/**
 * Finds the plugins, warning on stderr about any that cannot be loaded. With `names`, only the
 * plugins those names can mean are imported (see `DiscoverOptions.names`).
 */
function plugins(program: Command, io: Streams, names?: readonly string[]) {
  return discoverPlugins({
    extra: program.opts().plugin as string[],
    names: names && names.length > 0 ? names : undefined,
    onProblem: (message) => io.err.write(`colorize: warning: ${message}\n`),
  });
}

/** Registers a command that lives in its own module, loaded only when it may be needed. */
type Registrar = (program: Command, io: Streams, plugins: () => Promise<LoadedPlugin[]>) => void;

// The commands with heavy imports of their own (the evaluator, saved agents), in help order.
const LAZY_COMMANDS: Readonly<Record<string, () => Promise<Registrar>>> = {
  eval: async () => (await import("./commands/eval.js")).registerEvalCommand,
  train: async () => (await import("./commands/train.js")).registerTrainCommand,
  apply: async () => (await import("./commands/apply.js")).registerApplyCommand,
};

/**
 * The subcommand `argv` names: its first argument that is not a global option or the value of
 * `--plugin`; undefined when there is none (help, version).
 */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--plugin") i++;
    else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

/**
 * The lazy commands `argv` may need: none for `run`, `plugins` and `dashboard`, only its own for
 * a lazy command, and all of them otherwise (help lists every command; an unknown name is
 * reported by the full program).
 */
export async function registrarsFor(argv: readonly string[]): Promise<Registrar[]> {
  const name = commandOf(argv);
  if (name === "run" || name === "plugins" || name === "dashboard") return [];
  const wanted = name !== undefined && name in LAZY_COMMANDS ? [name] : Object.keys(LAZY_COMMANDS);
  return Promise.all(wanted.map((n) => LAZY_COMMANDS[n]()));
}

const collect = (value: string, previous: string[]) => [...previous, value];
const list = (value: string, previous: string[]) => [...previous, ...value.split(",").filter(Boolean)];

/**
 * Builds the `colorize` command tree: `run`, `plugins` and `dashboard`, then the commands of
 * `registrars` (see {@link registrarsFor}). Actions write to `io`; errors propagate to {@link main}.
 */
export function buildProgram(io: Streams, registrars: readonly Registrar[] = []): Command {
  const program = new Command("colorize")
    .description(
      "learn to colour the right half of a photograph from its left half, and compare agents fairly",
    )
    .version("0.1.0")
    .option("--debug", "print stack traces of errors")
    .option(
      "--plugin <path>",
      "load an extra plugin from a package folder or module (repeatable)",
      collect,
      [],
    )
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.out.write(s),
      writeErr: (s) => io.err.write(s),
      outputError: () => {},
    })
    .exitOverride();

  program
    .command("run")
    .description("colour one photograph and print its scores")
    .argument("[image]", "PNG or JPEG photograph (default: the photograph shipped in assets/)")
    .option(
      "--agent <names>",
      "agent(s) to run, comma-separated (default: the plugin of the basic role; see `colorize plugins`)",
      list,
      [],
    )
    .option(
      "--param <name=value>",
      "agent parameter, AGENT.NAME=VALUE with several agents (repeatable)",
      collect,
      [],
    )
    .option("--k <n>", "palette size for k-means on the left half", "5")
    .option("--seed <n>", "seed of k-means and of every agent", "0")
    .option("--palette <file|json>", "fixed palette, a JSON array of [r,g,b], instead of k-means")
    .option(
      "--validation-columns <n>",
      "width of the validation strip next to the split (default 10% of the left half, at most 131072 pixels)",
    )
    .option("--out <path>", "output PNG (default: NAME.colorized.png beside the input)")
    .option("--force", "overwrite an existing output file", false)
    .option("--json", "print one JSON document on stdout instead of the table", false)
    .option("--max-megapixels <n>", "refuse larger images before decoding them", "50")
    .option(
      "--max-memory <MiB>",
      "refuse, before decoding, an image whose run is estimated to need more (default: 75% of memory)",
    )
    .addOption(new Option("--backend <name>", "compute backend to prefer").default("auto"))
    .action(async (image: string | undefined, o: Record<string, unknown>) => {
      await runCommand(
        await plugins(program, io, o.agent as string[]),
        {
          image,
          agents: o.agent as string[],
          params: o.param as string[],
          ...taskOptions(o),
          out: o.out as string | undefined,
          force: Boolean(o.force),
          json: Boolean(o.json),
          maxMemory: memoryLimitOption(o.maxMemory),
          backend: o.backend as string,
        },
        io,
      );
    });

  program
    .command("plugins")
    .description("list the plugins found, with their parameters and defaults")
    .option("--json", "print a JSON array", false)
    .action(async (o: { json: boolean }) => {
      pluginsCommand(await plugins(program, io), o.json, io);
    });

  program
    .command("dashboard")
    .description("train and compare agents live in the terminal (interactive; needs a terminal)")
    .argument("[image]", "PNG or JPEG photograph (default: the photograph shipped in assets/)")
    .option(
      "--agent <names>",
      "agent(s) ticked at start, comma-separated (default: the first found)",
      list,
      [],
    )
    .option("--k <n>", "palette size for k-means on the left half", "5")
    .option("--seed <n>", "seed of k-means and of every agent", "0")
    .option("--out-dir <dir>", "folder that `s` saves runs into", "colorize-out")
    .option("--max-megapixels <n>", "refuse larger images before decoding them", "50")
    .action(async (image: string | undefined, o: Record<string, unknown>) => {
      await dashboardCommand(
        () => plugins(program, io),
        {
          image,
          agents: o.agent as string[],
          k: intOption("--k", String(o.k), 1, 255),
          seed: intOption("--seed", String(o.seed), -(2 ** 31), 2 ** 31 - 1),
          outDir: String(o.outDir),
          maxPixels: maxPixelsOption(o.maxMegapixels),
        },
        io,
      );
    });

  for (const register of registrars) register(program, io, () => plugins(program, io));

  return program;
}

/** Runs the CLI and returns the exit code; never throws, prints one line per error. */
export async function main(argv: readonly string[], io: Streams = processStreams): Promise<number> {
  const program = buildProgram(io, await registrarsFor(argv));
  const debug = argv.includes("--debug");
  const trap = trapInterrupts(io);
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return trap.received() ? interrupted(trap, io) : EXIT_OK;
  } catch (err) {
    if (trap.received()) return interrupted(trap, io);
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.exitCode === 0)
        return EXIT_OK;
      const msg = err.message.replace(/^error:\s*/, "");
      io.err.write(`colorize: ${oneLine(msg)}\n`);
      return EXIT_USAGE;
    }
    io.err.write(`colorize: ${oneLine(err)}\n`);
    if (debug && err instanceof Error && err.stack) io.err.write(`${err.stack}\n`);
    return err instanceof UsageError ? EXIT_USAGE : exitCodeOf(err);
  } finally {
    trap.dispose();
  }
}
