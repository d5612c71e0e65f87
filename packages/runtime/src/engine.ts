import { AbortError, type Metrics, type Palette, type RgbImage, type Task } from "@colorize/core";
import { type AgentChoice, openComparison, runScored } from "./comparison-steps.js";
import type { AgentResult, EngineListener } from "./events.js";

/** Options of {@link runComparison}. */
export interface ComparisonOptions {
  readonly image: RgbImage;
  /** Shown in results; the engine reads nothing from disk. */
  readonly imagePath: string;
  readonly agents: readonly AgentChoice[];
  /** Palette size (default 5); ignored with `palette`. */
  readonly k?: number;
  /** Seed of k-means and of every agent (default 0). */
  readonly seed?: number;
  readonly palette?: Palette;
  readonly validationColumns?: number;
  readonly signal?: AbortSignal;
  readonly isolation?: "inline" | "worker";
  readonly backend?: string;
  /** A prepared task to reuse (same split, palette and strip for several runs). */
  readonly task?: Task;
}

/** Everything a comparison produced. */
export interface ComparisonResult {
  readonly image: { readonly path: string; readonly width: number; readonly height: number };
  readonly task: Task;
  readonly palette: number[][];
  readonly agents: AgentResult[];
  /** Right-half RGB predictions by agent label. */
  readonly outputs: Map<string, Uint8Array>;
  readonly baselines: { readonly gray: Metrics; readonly paletteCeiling: Metrics };
  readonly errors: { readonly agent: string; readonly message: string; readonly cancelled: boolean }[];
  readonly seconds: number;
}

/**
 * Runs every agent on one shared split, palette and validation strip, scoring each on the right
 * half, with the `gray` and `palette-ceiling` reference rows. Emits {@link EngineEvent}s as it goes.
 * An agent that fails is reported and the others still run; a cancelled run stops at once.
 */
export async function runComparison(
  options: ComparisonOptions,
  emit: EngineListener = () => {},
): Promise<ComparisonResult> {
  const t0 = performance.now();
  const seed = options.seed ?? 0;
  const { image } = options;
  const { task, palette, baselines } = openComparison(options, emit);

  const labels = new Set<string>();
  const agents: AgentResult[] = [];
  const outputs = new Map<string, Uint8Array>();
  const errors: ComparisonResult["errors"] = [];
  for (const [index, choice] of options.agents.entries()) {
    const name = choice.label ?? choice.loaded.short;
    if (labels.has(name)) throw new RangeError(`agent ${name} appears twice in one run; give each a label`);
    labels.add(name);
    if (options.signal?.aborted) throw new AbortError();
    emit({ type: "agent-start", agent: name, index, total: options.agents.length });
    try {
      const { result, rgb } = await runScored(
        name,
        choice,
        task,
        { seed, signal: options.signal, isolation: options.isolation, backend: options.backend },
        emit,
      );
      agents.push(result);
      outputs.set(name, rgb);
      emit({ type: "result", result });
    } catch (err) {
      const cancelled = err instanceof AbortError || (err as Error)?.name === "AbortError";
      const message = (err as Error)?.message ?? String(err);
      errors.push({ agent: name, message, cancelled });
      emit({ type: "error", agent: name, message, cancelled });
      if (cancelled) throw err;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  emit({ type: "done", seconds });
  return {
    image: { path: options.imagePath, width: image.width, height: image.height },
    task,
    palette,
    agents,
    outputs,
    baselines,
    errors,
    seconds,
  };
}
