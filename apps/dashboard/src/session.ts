import { AbortError, type Metrics, type RgbImage, type Task } from "@colorize/core";
import {
  type AgentResult,
  type EngineListener,
  type LoadedPlugin,
  openComparison,
  runScored,
} from "@colorize/runtime";

/** One agent of a session. */
export interface SessionAgent {
  readonly loaded: LoadedPlugin;
  readonly config: Record<string, unknown>;
  /** Name in rows and events (default: the plugin's short name); unique within a session. */
  readonly label?: string;
}

/** Options of {@link startSession}: those of the runtime's `runComparison`. */
export interface SessionOptions {
  readonly image: RgbImage;
  readonly imagePath: string;
  readonly agents: readonly SessionAgent[];
  /** Palette size (default 5). */
  readonly k?: number;
  /** Seed of k-means and of every agent (default 0). */
  readonly seed?: number;
  /** `worker` (default) trains off the rendering thread; `inline` is for tests of the session itself. */
  readonly isolation?: "inline" | "worker";
  readonly backend?: string;
}

/** What a finished session produced; the same fields as a comparison's result. */
export interface SessionResult {
  readonly task: Task;
  readonly agents: AgentResult[];
  /** Right-half RGB predictions by agent name. */
  readonly outputs: Map<string, Uint8Array>;
  readonly baselines: { readonly gray: Metrics; readonly paletteCeiling: Metrics };
  readonly errors: { readonly agent: string; readonly message: string; readonly cancelled: boolean }[];
}

/** A running session. */
export interface Session {
  /** Cancels the agent that is running (the next one starts); returns its name, or undefined when none runs. */
  cancelAgent(): string | undefined;
  /** Cancels the running agent and starts no other. */
  cancelAll(): void;
  /** Resolves after the `done` event. */
  readonly done: Promise<SessionResult>;
}

/**
 * Runs agents one after another on one shared split, palette and validation strip, emitting the
 * engine's events in the engine's order. Unlike `runComparison`, one agent can be cancelled and the
 * run goes on with the next; a cancelled agent leaves no output. `onOutput` receives each finished
 * agent's right-half RGB with the task, for pictures and saving.
 */
export function startSession(
  options: SessionOptions,
  emit: EngineListener,
  onOutput: (agent: string, rgb: Uint8Array, task: Task) => void = () => {},
): Session {
  let current: { name: string; controller: AbortController } | undefined;
  let stopped = false;
  const names = options.agents.map((a) => a.label ?? a.loaded.short);
  if (new Set(names).size !== names.length)
    throw new RangeError(`an agent appears twice in one run; give each a label`);

  const run = async (): Promise<SessionResult> => {
    // Let the first frame draw before k-means takes the thread.
    await new Promise((r) => setImmediate(r));
    const t0 = performance.now();
    const seed = options.seed ?? 0;
    const { task, baselines } = openComparison(options, emit);
    const agents: AgentResult[] = [];
    const outputs = new Map<string, Uint8Array>();
    const errors: SessionResult["errors"] = [];
    for (const [index, choice] of options.agents.entries()) {
      if (stopped) break;
      const name = names[index];
      const controller = new AbortController();
      current = { name, controller };
      emit({ type: "agent-start", agent: name, index, total: options.agents.length });
      try {
        const { result, rgb } = await runScored(
          name,
          choice,
          task,
          {
            seed,
            signal: controller.signal,
            isolation: options.isolation ?? "worker",
            backend: options.backend,
          },
          emit,
        );
        // A cancel that lands after the worker finished still cancels: nothing of it is kept.
        if (controller.signal.aborted) throw new AbortError();
        agents.push(result);
        outputs.set(name, rgb);
        onOutput(name, rgb, task);
        emit({ type: "result", result });
      } catch (err) {
        const cancelled = controller.signal.aborted || (err as Error)?.name === "AbortError";
        const message = cancelled ? "cancelled" : ((err as Error)?.message ?? String(err));
        errors.push({ agent: name, message, cancelled });
        emit({ type: "error", agent: name, message, cancelled });
      } finally {
        current = undefined;
      }
    }
    emit({ type: "done", seconds: (performance.now() - t0) / 1000 });
    return { task, agents, outputs, baselines, errors };
  };

  const done = run();
  return {
    cancelAgent() {
      if (!current) return undefined;
      current.controller.abort();
      return current.name;
    },
    cancelAll() {
      stopped = true;
      current?.controller.abort();
    },
    done,
  };
}
