import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The command-line program, built (`apps/cli/dist/bin.js` of the repository). */
export const CLI = fileURLToPath(new URL("../../../apps/cli/dist/bin.js", import.meta.url));
const PEAK_RSS = fileURLToPath(new URL("./peak-rss.js", import.meta.url));

/** One `colorize run` process, measured from outside: what a user waits for. */
export interface CliRun {
  /** From spawning the process to its exit, seconds: start-up, decode, every stage, PNG written. */
  readonly seconds: number;
  /** The process's peak resident set size (all threads), MiB. */
  readonly peakRssMiB: number;
  /** The backend the basic agent reported. */
  readonly backend: string;
}

/**
 * Runs `colorize run PHOTO --json` (the default agent, the basic one) in a fresh Node process,
 * its PNG written to a temporary folder removed afterwards, and times it from spawn to exit.
 * @throws Error with the program's last line of error output when it fails
 */
export async function cliRun(photo: string): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), "colorize-bench-cli-"));
  try {
    const rssFile = join(dir, "peak-rss");
    const args = [
      "--import",
      pathToFileURL(PEAK_RSS).href,
      CLI,
      "run",
      photo,
      "--json",
      "--out",
      join(dir, "out.png"),
    ];
    const t0 = performance.now();
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(process.execPath, args, {
        env: { ...process.env, COLORIZE_BENCH_RSS_FILE: rssFile },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d;
      });
      child.stderr.on("data", (d: Buffer) => {
        err += d;
      });
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    const seconds = (performance.now() - t0) / 1000;
    if (code !== 0) throw new Error(`colorize run ${photo} failed: ${stderr.trim().split("\n").pop()}`);
    const doc = JSON.parse(stdout) as { agents: { backend?: string }[] };
    return {
      seconds,
      peakRssMiB: Number(readFileSync(rssFile, "utf8")) / 1024,
      backend: doc.agents[0]?.backend ?? "unknown",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
