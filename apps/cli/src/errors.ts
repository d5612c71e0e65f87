import { AbortError, ConfigError, PluginError } from "@colorize/core";

/** Exit codes: 0 ok, 1 a run failed or a threshold was missed, 2 usage or input error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A usage or input error: one line on stderr and exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A run that completed but failed (a threshold missed, an agent failed): exit code 1. */
export class RunFailedError extends Error {
  override name = "RunFailedError";
}

const INPUT_ERRORS = new Set(["UsageError", "ImageError", "ConfigError", "PluginError", "CommanderError"]);

/** The exit code an error maps to. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError || err instanceof ConfigError || err instanceof PluginError)
    return EXIT_USAGE;
  const name = (err as Error)?.name ?? "";
  if (INPUT_ERRORS.has(name) || name === "RangeError") return EXIT_USAGE;
  if (err instanceof AbortError) return EXIT_FAILED;
  return EXIT_FAILED;
}

/** The one line printed for an error: its message, first line only. */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split("\n")[0] || "unknown error").trim();
}
