import { resolve } from "node:path";
import type { LoadedPlugin } from "@colorize/runtime";
import { UsageError } from "../errors.js";
import { defaultImagePath, type Streams } from "../io.js";

/** Parsed options of `colorize dashboard`. */
export interface DashboardCommandOptions {
  readonly image?: string;
  readonly agents: readonly string[];
  readonly k: number;
  readonly seed: number;
  readonly outDir: string;
  readonly maxPixels: number;
}

/**
 * `colorize dashboard [IMAGE]`: the interactive terminal dashboard. It needs a terminal on stdin and
 * stdout (checked before plugins are even looked for); in scripts and pipes the same runs and
 * scores come from `colorize eval` and `colorize run`.
 */
export async function dashboardCommand(
  findPlugins: () => Promise<readonly LoadedPlugin[]>,
  opts: DashboardCommandOptions,
  io: Streams,
  stdin: { isTTY?: boolean } = process.stdin,
): Promise<void> {
  if (!io.out.isTTY || !stdin.isTTY) {
    throw new UsageError(
      "the dashboard needs an interactive terminal; use `colorize eval` (or `colorize run --json`) in scripts and pipes",
    );
  }
  const plugins = await findPlugins();
  for (const name of opts.agents) {
    if (!plugins.some((p) => p.short === name || p.name === name)) {
      throw new UsageError(
        `unknown agent ${name} (known: ${plugins.map((p) => p.short).join(", ") || "none"})`,
      );
    }
  }
  // The dashboard is interactive by construction (both ends are terminals checked above), so a CI
  // variable left in the environment must not switch Ink to its print-once mode; Ink reads it on import.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { runDashboard } = await import("@colorize/dashboard");
  await runDashboard({
    plugins,
    imagePath: opts.image ?? defaultImagePath(),
    agents: opts.agents,
    k: opts.k,
    seed: opts.seed,
    outDir: resolve(opts.outDir),
    maxPixels: opts.maxPixels,
  });
}
