import {
  AbortError,
  type AgentSnapshot,
  type Metrics,
  type Palette,
  type RgbImage,
  type Task,
} from "@colorize/core";
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
  /** Hand each fitted agent's snapshot to the output listener, so that it can be saved. */
  readonly snapshots?: boolean;
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
  /** Backend(s) that ran k-means' assignment kernel, when this comparison ran k-means. */
  readonly kmeansBackend?: string;
  readonly errors: { readonly agent: string; readonly message: string; readonly cancelled: boolean }[];
  readonly seconds: number;
}

/** A comparison under way, from {@link startComparison}. */
export interface ComparisonRun {
  /**
   * Cancels the agent that is running: it ends with an `error` event (message `cancelled`) and
   * leaves no output, even when the cancel lands after it finished, and the next agent starts.
   * Returns its name, or undefined when none runs.
   */
  cancelAgent(): string | undefined;
  /** Cancels the running agent as {@link cancelAgent} does and starts no other; `done` follows. */
  cancelAll(): void;
  /** Resolves after the `done` event; rejects when `signal` aborts the run or preparing fails. */
  readonly done: Promise<ComparisonResult>;
}

/**
 * Receives each finished agent's right-half RGB with the task, before its `result` event, and with
 * `snapshots` its snapshot.
 */
export type OutputListener = (agent: string, rgb: Uint8Array, task: Task, snapshot?: AgentSnapshot) => void;

/**
 * Runs every agent, one after another, on one shared split, palette and validation strip, scoring
 * each on the right half, with the `gray` and `palette-ceiling` reference rows. Emits
 * {@link EngineEvent}s as it goes, starting after one turn of the event loop (so a screen can draw
 * first). An agent that fails is reported and the others still run. Two ways to stop: the handle's
 * {@link ComparisonRun.cancelAgent} / {@link ComparisonRun.cancelAll} end agents and still finish
 * with `done` and what was scored; aborting `options.signal` abandons the whole run, whose `done`
 * rejects with the AbortError after the running agent's `error` event.
 * @throws RangeError at once when two agents share a name
 */
export function startComparison(
  options: ComparisonOptions,
  emit: EngineListener = () => {},
  onOutput: OutputListener = () => {},
): ComparisonRun {
  const names = options.agents.map((a) => a.label ?? a.loaded.short);
  for (const [i, name] of names.entries()) {
    if (names.indexOf(name) !== i)
      throw new RangeError(`agent ${name} appears twice in one run; give each a label`);
  }
  let current: { name: string; controller: AbortController; cancelled: boolean } | undefined;
  let stopped = false;

  const run = async (): Promise<ComparisonResult> => {
    await new Promise((r) => setImmediate(r));
    const t0 = performance.now();
    const seed = options.seed ?? 0;
    const { image, signal } = options;
    const { task, palette, baselines, kmeansBackend } = openComparison(options, emit);
    const agents: AgentResult[] = [];
    const outputs = new Map<string, Uint8Array>();
    const errors: ComparisonResult["errors"] = [];
    for (const [index, choice] of options.agents.entries()) {
      if (stopped) break;
      if (signal?.aborted) throw new AbortError();
      const name = names[index];
      const agent = { name, controller: new AbortController(), cancelled: false };
      const abort = () => agent.controller.abort();
      signal?.addEventListener("abort", abort, { once: true });
      current = agent;
      emit({ type: "agent-start", agent: name, index, total: options.agents.length });
      try {
        const { result, rgb, snapshot } = await runScored(
          name,
          choice,
          task,
          {
            seed,
            signal: agent.controller.signal,
            isolation: options.isolation,
            backend: options.backend,
            snapshot: options.snapshots,
          },
          emit,
        );
        if (agent.cancelled) throw new AbortError();
        agents.push(result);
        outputs.set(name, rgb);
        onOutput(name, rgb, task, snapshot);
        emit({ type: "result", result });
      } catch (err) {
        const cancelled =
          agent.cancelled || err instanceof AbortError || (err as Error)?.name === "AbortError";
        const message = agent.cancelled ? "cancelled" : ((err as Error)?.message ?? String(err));
        errors.push({ agent: name, message, cancelled });
        emit({ type: "error", agent: name, message, cancelled });
        // A cancel asked of this handle ends one agent; any other abort ends the run.
        if (cancelled && !agent.cancelled) throw err;
      } finally {
        signal?.removeEventListener("abort", abort);
        current = undefined;
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
      kmeansBackend,
      errors,
      seconds,
    };
  };

  const cancel = (): string | undefined => {
    if (!current) return undefined;
    current.cancelled = true;
    current.controller.abort();
    return current.name;
  };
  return {
    cancelAgent: cancel,
    cancelAll() {
      stopped = true;
      cancel();
    },
    done: run(),
  };
}

/**
 * {@link startComparison} without a handle: resolves with the result after `done`; rejects when
 * `options.signal` aborts the run (after the running agent's `error` event) or two agents share a name.
 */
export async function runComparison(
  options: ComparisonOptions,
  emit: EngineListener = () => {},
): Promise<ComparisonResult> {
  return startComparison(options, emit).done;
}
