import { readFileSync } from "node:fs";
import { totalmem } from "node:os";
import type { PluginCapabilities, PluginMeta } from "@colorize/core";

const MiB = 1024 * 1024;

/** What an agent's memory depends on: its kind and what it outputs. */
export type MemoryClass = Pick<PluginMeta, "kind"> & Pick<PluginCapabilities, "output">;

/**
 * The memory model of a run: upper bounds of peak resident memory, measured with `/usr/bin/time -f %M`
 * on `colorize run` over crops of a 12 MP photograph (1 to 8 MP) on Node 20, 2026-12-01:
 * - a run of the basic agent on a 40x20 image peaks at 82 MiB; `fixedBytes` covers it with room for
 *   the worker threads and V8's heap growth;
 * - above that base, per pixel of the whole image while one agent runs (image, task, features,
 *   search or training data, outputs): the k-NN agent (kind `agent`) 89 to 129 B, logreg and
 *   softmax-mlp (`model`, labels) 34 to 203 B, rgb-mlp (`model`, RGB) 396 to 545 B;
 * - decoding, released before the agents run: jpeg-js counts 21 B per pixel for a 4:4:4 JPEG, pngjs
 *   holds up to 24 for 16-bit RGBA (inflated rows, unfiltered rows, its bitmap), plus our 3 B of RGB.
 */
export const MEMORY_MODEL = {
  fixedBytes: 256 * MiB,
  bytesPerPixel: { agent: 160, labelModel: 250, rgbModel: 640 },
  decodeBytesPerPixel: 32,
  /** Each agent after the first keeps its right-half output (1.5 B per pixel) and its scores. */
  extraAgentBytesPerPixel: 3,
  /**
   * `colorize eval` over `run`: the evaluator, the units' results and image grids. Two 1 MP units with
   * the basic agent peaked at 438 MiB inline (--jobs 1) and 503 MiB on two worker threads.
   */
  evalBytes: 64 * MiB,
  /** A worker thread of `colorize eval` (an isolate with the plugins loaded). */
  workerBytes: 64 * MiB,
  /**
   * Each thread that draws the report's pictures when `colorize eval` runs on several (one per
   * job), plus its decoding of the largest image: `colorize eval ../shared/images/kodak --seeds
   * 0,1,2` (768x512, every agent, 2 jobs) peaked at 1555 MiB; with seed 0 alone, sampled once a
   * second: 693 MiB while it evaluated, 1345 MiB while it wrote its report (the image codecs' and the
   * SVG renderer's native buffers, freed late).
   */
  reportThreadBytes: 384 * MiB,
  /** The leak check's scrambled copy and second predictions. */
  leakCheckBytesPerPixel: 8,
} as const;

function agentBytesPerPixel(a: MemoryClass): number {
  if (a.kind === "agent") return MEMORY_MODEL.bytesPerPixel.agent;
  return a.output === "rgb" ? MEMORY_MODEL.bytesPerPixel.rgbModel : MEMORY_MODEL.bytesPerPixel.labelModel;
}

/** Bytes per pixel of one image's run: the costliest agent (they run one after another) and the rest's outputs. */
function runBytesPerPixel(agents: readonly MemoryClass[], leakCheck: boolean): number {
  if (agents.length === 0) return MEMORY_MODEL.decodeBytesPerPixel;
  const worst = Math.max(...agents.map(agentBytesPerPixel));
  const rest = (agents.length - 1) * MEMORY_MODEL.extraAgentBytesPerPixel;
  const leak = leakCheck ? MEMORY_MODEL.leakCheckBytesPerPixel : 0;
  return Math.max(MEMORY_MODEL.decodeBytesPerPixel, worst + rest + leak);
}

/** Estimated peak resident bytes of `colorize run` with `agents` on an image of `pixels`. */
export function estimateRunBytes(pixels: number, agents: readonly MemoryClass[]): number {
  return MEMORY_MODEL.fixedBytes + pixels * runBytesPerPixel(agents, false);
}

/**
 * Estimated peak resident bytes of `colorize eval`: `jobs` units at once, each on its own worker thread,
 * every one taken to be of the largest image (`pixels`).
 */
export function estimateEvalBytes(
  pixels: number,
  agents: readonly MemoryClass[],
  jobs: number,
  leakCheck: boolean,
): number {
  const perUnit = pixels * runBytesPerPixel(agents, leakCheck) + (jobs > 1 ? MEMORY_MODEL.workerBytes : 0);
  // With several jobs the report's pictures are drawn on as many threads (--jobs 1: on the main one).
  const report =
    jobs > 1 ? jobs * (MEMORY_MODEL.reportThreadBytes + pixels * MEMORY_MODEL.decodeBytesPerPixel) : 0;
  return MEMORY_MODEL.fixedBytes + MEMORY_MODEL.evalBytes + Math.max(1, jobs) * perUnit + report;
}

/** The largest pixel count whose {@link estimateRunBytes} fits `limitBytes` (0 when none does). */
export function largestRunPixels(limitBytes: number, agents: readonly MemoryClass[]): number {
  return Math.max(0, Math.floor((limitBytes - MEMORY_MODEL.fixedBytes) / runBytesPerPixel(agents, false)));
}

/** The memory a cgroup (a container) allows this process, if it sets a limit. */
function cgroupLimit(): number | undefined {
  for (const file of ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]) {
    try {
      const v = Number(readFileSync(file, "utf8").trim());
      if (Number.isFinite(v) && v > 0 && v < 2 ** 60) return v;
    } catch {
      // no such controller
    }
  }
  return undefined;
}

/** Share of the machine's (or the container's) memory a run may plan to use by default. */
export const DEFAULT_MEMORY_SHARE = 0.75;

/** The default memory limit: 75 % of the machine's memory, or of its container's limit when lower. */
export function defaultMemoryLimit(): number {
  const total = Math.min(totalmem(), cgroupLimit() ?? Number.POSITIVE_INFINITY);
  return Math.floor(total * DEFAULT_MEMORY_SHARE);
}
