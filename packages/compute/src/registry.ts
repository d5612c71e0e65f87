import { createGpuJsBackend, GPUJS_MODES, gpuJsUnavailable } from "./gpujs-backend.js";
import { createJsBackend } from "./js-backend.js";
import type { Compute } from "./types.js";

/** A registered backend: a factory with a priority (higher wins under "auto"). */
export interface BackendEntry {
  readonly name: string;
  readonly priority: number;
  /** Why it cannot run here (undefined when it can); must be cheap, no kernel compiled. */
  readonly unavailable: () => string | undefined;
  readonly create: () => Compute;
}

/** What {@link listBackends} reports for each backend. */
export interface BackendInfo {
  readonly name: string;
  readonly priority: number;
  readonly available: boolean;
  readonly reason?: string;
}

const entries = new Map<string, BackendEntry>();

/** Registers (or replaces) a backend. */
export function registerBackend(entry: BackendEntry): void {
  entries.set(entry.name, entry);
}

/** Removes a backend (tests use this to restore the registry). */
export function unregisterBackend(name: string): void {
  entries.delete(name);
}

registerBackend({ name: "js", priority: 20, unavailable: () => undefined, create: createJsBackend });
// headless-gl outranks everything where it loads; WebAssembly SIMD threads beat plain loops on
// large products; gpu.js's cpu mode is transpiled JavaScript, kept as the last resort.
const GPU_PRIORITY = { headlessgl: 40, webasm: 30, cpu: 10 } as const;
for (const mode of GPUJS_MODES) {
  registerBackend({
    name: `gpu.js:${mode}`,
    priority: GPU_PRIORITY[mode],
    unavailable: () => gpuJsUnavailable(mode),
    create: () => createGpuJsBackend(mode),
  });
}
registerBackend({
  name: "gpu.js:webgpu",
  priority: 50,
  unavailable: () =>
    "not offered in Node: gpu.js's webgpu mode needs a navigator.gpu adapter and returns promises only",
  create: () => {
    throw new Error("gpu.js:webgpu is not available in Node");
  },
});

/** Every registered backend, best first, with availability and the reason when unavailable. */
export function listBackends(): BackendInfo[] {
  return [...entries.values()]
    .sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name))
    .map((e) => {
      let reason: string | undefined;
      try {
        reason = e.unavailable();
      } catch (err) {
        reason = (err as Error).message;
      }
      return reason === undefined
        ? { name: e.name, priority: e.priority, available: true }
        : { name: e.name, priority: e.priority, available: false, reason };
    });
}

/** Options of {@link getCompute}. */
export interface GetComputeOptions {
  /** "auto" (default: best available), a backend name ("js", "gpu.js:webasm", ...), or "gpu.js" (best gpu.js mode). */
  readonly prefer?: string;
}

/** A backend that initialised, plus the ones that failed before it and why. */
export type ComputeChoice = Compute & { readonly skipped: readonly { name: string; reason: string }[] };

/**
 * Picks a backend: the preferred one if it initialises, else the best available by priority,
 * ending with "js", which always works. Throws only for an unknown backend name.
 */
export function getCompute(options: GetComputeOptions = {}): ComputeChoice {
  const prefer = options.prefer ?? "auto";
  const all = [...entries.values()].sort((a, b) => b.priority - a.priority);
  let order: BackendEntry[];
  if (prefer === "auto") order = all;
  else if (prefer === "gpu.js") order = [...all.filter((e) => e.name.startsWith("gpu.js:")), ...all];
  else {
    const wanted = entries.get(prefer);
    if (!wanted)
      throw new RangeError(
        `unknown compute backend "${prefer}"; known: auto, gpu.js, ${[...entries.keys()].join(", ")}`,
      );
    order = [wanted, ...all];
  }
  const skipped: { name: string; reason: string }[] = [];
  for (const entry of order) {
    if (skipped.some((s) => s.name === entry.name)) continue;
    const reason = entry.unavailable();
    if (reason !== undefined) {
      skipped.push({ name: entry.name, reason });
      continue;
    }
    try {
      return Object.assign(entry.create(), { skipped });
    } catch (e) {
      skipped.push({ name: entry.name, reason: (e as Error).message });
    }
  }
  return Object.assign(createJsBackend(), { skipped });
}
