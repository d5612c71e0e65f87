import { type ImageInfo, readImageInfo } from "@colorize/image-io";
import {
  type AgentChoice,
  DEFAULT_MEMORY_SHARE,
  defaultMemoryLimit,
  estimateEvalBytes,
  estimateRunBytes,
  type MemoryClass,
} from "@colorize/runtime";
import { UsageError } from "./errors.js";
import { numberOption } from "./options.js";

const MiB = 1024 * 1024;

/** The memory limit a command plans within, and where it came from (for the refusal's wording). */
export interface MemoryLimit {
  readonly bytes: number;
  readonly given: boolean;
}

/** `--max-memory MIB`, or the default: 75 % of the machine's (or container's) memory. */
export function memoryLimitOption(raw: unknown): MemoryLimit {
  if (raw === undefined) return { bytes: defaultMemoryLimit(), given: false };
  return { bytes: Math.floor(numberOption("--max-memory", String(raw), 1) * MiB), given: true };
}

/** Bytes in MiB, rounded up, as `--max-memory` takes them. */
export function formatBytes(bytes: number): string {
  return `${Math.ceil(bytes / MiB)} MiB`;
}

function classes(agents: readonly AgentChoice[]): MemoryClass[] {
  return agents.map((a) => ({
    kind: a.loaded.plugin.meta.kind,
    output: a.loaded.plugin.capabilities.output,
  }));
}

function refuse(what: string, needs: number, limit: MemoryLimit, fix: string): never {
  const whose = limit.given ? "--max-memory" : `${DEFAULT_MEMORY_SHARE * 100} % of this machine's memory`;
  throw new UsageError(
    `${what} needs about ${formatBytes(needs)}, above the memory limit of ${formatBytes(limit.bytes)} ` +
      `(${whose}); raise it with --max-memory MIB${fix}`,
  );
}

/**
 * The check `colorize run` makes from the image's header, before decoding it: the estimated peak of
 * decoding and running `agents` must fit the limit, or the run is refused with one line naming the flag.
 */
export function runMemoryCheck(
  name: string,
  agents: readonly AgentChoice[],
  limit: MemoryLimit,
): (info: ImageInfo) => void {
  return (info) => {
    const needs = estimateRunBytes(info.width * info.height, classes(agents));
    if (needs <= limit.bytes) return;
    const who = agents.map((a) => a.label ?? a.loaded.short).join(", ");
    refuse(
      `${name} is ${info.width}x${info.height}: running ${who} on it`,
      needs,
      limit,
      " or use a smaller image",
    );
  };
}

/**
 * The check `colorize eval` makes from every image's header (within the pixel limit; larger ones are
 * refused by their unit) before any unit starts: `jobs` units at once of the largest image must fit.
 */
export async function checkEvalMemory(
  paths: readonly string[],
  agents: readonly AgentChoice[],
  jobs: number,
  leakCheck: boolean,
  maxPixels: number,
  limit: MemoryLimit,
): Promise<void> {
  let largest: { path: string; info: ImageInfo } | undefined;
  for (const path of paths) {
    const info = await readImageInfo(path);
    const pixels = info.width * info.height;
    if (pixels <= maxPixels && (!largest || pixels > largest.info.width * largest.info.height))
      largest = { path, info };
  }
  if (!largest) return;
  const { width, height } = largest.info;
  const needs = estimateEvalBytes(width * height, classes(agents), jobs, leakCheck);
  if (needs <= limit.bytes) return;
  refuse(
    `evaluating ${jobs} unit(s) at once of up to ${width}x${height} (${largest.path})`,
    needs,
    limit,
    jobs > 1 ? ", or use --jobs 1" : " or leave that image out",
  );
}

/**
 * The check `colorize train` makes from the photograph's header, before decoding it. With `--region
 * all` the training band is the whole photograph, twice a run's left half, so the estimate is that of
 * a run on an image of twice the pixels; `--region left` trains exactly as `colorize run` does.
 */
export function trainMemoryCheck(
  name: string,
  agent: AgentChoice,
  region: "all" | "left",
  limit: MemoryLimit,
): (info: ImageInfo) => void {
  return (info) => {
    const pixels = info.width * info.height * (region === "all" ? 2 : 1);
    const needs = estimateRunBytes(pixels, classes([agent]));
    if (needs <= limit.bytes) return;
    refuse(
      `${name} is ${info.width}x${info.height}: training ${agent.label ?? agent.loaded.short} on it`,
      needs,
      limit,
      region === "all" ? ", use --region left or a smaller photograph" : " or use a smaller photograph",
    );
  };
}

/**
 * The check `colorize apply` makes from the gray photograph's header, before decoding it: the estimate
 * of a run of the saved agent's class on an image of the same size (an upper bound: apply predicts in
 * bands and holds no training data).
 */
export function applyMemoryCheck(
  name: string,
  agent: MemoryClass,
  limit: MemoryLimit,
): (info: ImageInfo) => void {
  return (info) => {
    const needs = estimateRunBytes(info.width * info.height, [agent]);
    if (needs <= limit.bytes) return;
    refuse(`${name} is ${info.width}x${info.height}: colouring it`, needs, limit, " or use a smaller image");
  };
}
