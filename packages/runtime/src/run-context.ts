import { type AbortSignalLike, createRng, type ProgressEvent, type RunContext } from "@colorize/core";

/** The run context `colorize run` gives an agent: its seed, a PRNG made from it, and the rest as given. */
export function runContext(options: {
  readonly seed: number;
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly backend?: string;
}): RunContext {
  const { seed, signal, onProgress, backend } = options;
  return { seed, rng: createRng(seed), signal, onProgress, backend };
}
