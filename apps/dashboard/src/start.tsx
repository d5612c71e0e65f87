import { resolve } from "node:path";
import { MIN_HEIGHT, MIN_WIDTH } from "@colorize/core";
import { readImage } from "@colorize/image-io";
import { type LoadedPlugin, startComparison } from "@colorize/runtime";
import { render } from "ink";
import { detectColorMode } from "./color-mode.js";
import { Dashboard, type Effects } from "./dashboard.js";
import { initialState } from "./reducer.js";
import { keepingSnapshots, saveRun, type TrainedAgent } from "./save.js";
import { initialSetup } from "./setup-form.js";

/** Options of {@link runDashboard}. */
export interface DashboardOptions {
  readonly plugins: readonly LoadedPlugin[];
  /** Image path prefilled on the set-up screen. */
  readonly imagePath: string;
  /** Agents ticked at first (short names; default the first plugin). */
  readonly agents?: readonly string[];
  readonly k?: number;
  readonly seed?: number;
  /** Folder that saved runs go into (default `./colorize-out`). */
  readonly outDir?: string;
  /** Refuse larger images before decoding them (pixels; image-io's default when absent). */
  readonly maxPixels?: number;
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Switches to the terminal's alternate screen, so quitting restores what was there before. */
const ENTER_ALT = "\x1b[?1049h\x1b[H";
const LEAVE_ALT = "\x1b[?1049l";

/**
 * Runs the interactive dashboard until the person quits. Training runs on worker threads; this
 * thread only folds events and draws.
 * @throws when stdout or stdin is not a terminal (the caller points to `colorize eval`)
 */
export async function runDashboard(options: DashboardOptions): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  if (!stdout.isTTY || !stdin.isTTY) throw new Error("the dashboard needs an interactive terminal");
  const outDir = options.outDir ?? "colorize-out";
  const trained = new Map<string, TrainedAgent>();
  const effects: Effects = {
    readImage: (path) =>
      readImage(resolve(path), { maxPixels: options.maxPixels, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT }),
    startComparison: keepingSnapshots(startComparison, trained),
    save: (run) => saveRun(run, outDir, new Date(), trained),
    now: () => Date.now(),
    tickMs: 500,
    drawMs: 100,
  };
  const setup = initialSetup(options.plugins, {
    imagePath: options.imagePath,
    k: options.k,
    seed: options.seed,
    enabled: options.agents,
  });
  const initial = initialState(setup, {
    columns: stdout.columns || 80,
    rows: stdout.rows || 24,
    colorMode: detectColorMode(options.env ?? process.env),
    now: Date.now(),
  });
  stdout.write(ENTER_ALT);
  try {
    const app = render(<Dashboard plugins={options.plugins} initial={initial} effects={effects} />, {
      stdout,
      stdin,
      exitOnCtrlC: true,
      patchConsole: true,
    });
    await app.waitUntilExit();
  } finally {
    stdout.write(LEAVE_ALT);
  }
}
