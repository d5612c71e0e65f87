import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import {
  type Agent,
  type AgentSnapshot,
  type Config,
  decodeArray,
  type EncodedArray,
  type EpochRecord,
  type GrayStats,
  type Metrics,
  type Palette,
  paletteFromArray,
  parseConfig,
  type RgbImage,
} from "@colorize/core";
import type { LoadedPlugin } from "./discovery.js";

/** Format tag of an agent snapshot file; the number goes up when the file's meaning changes. */
export const SNAPSHOT_FORMAT = "colorize-agent/1";

/** Largest snapshot file read (a basic agent trained on 50 megapixels stays well below it). */
const MAX_SNAPSHOT_BYTES = 1024 * 1024 * 1024;

/** Raised for a snapshot file that cannot be used; its message is one line naming the file. */
export class SnapshotError extends Error {
  override name = "SnapshotError";
}

/** The photograph an agent was trained on, and how. */
export interface SnapshotTraining {
  /** File name of the photograph (no folder). */
  readonly image: string;
  readonly width: number;
  readonly height: number;
  /** SHA-256 (hex) of its decoded 8-bit RGB pixels, row-major: {@link pixelDigest}. */
  readonly sha256: string;
  /** `all`: every column trained it; `left`: its left half, as in `colorize run`. */
  readonly region: "all" | "left";
  /** Columns [x0, x1) of the photograph that formed the training band. */
  readonly columns: readonly [number, number];
  /** Width of the validation strip: the training band's last columns. */
  readonly validationColumns: number;
  /** Where the palette came from: k-means on the training band (with `k` colours) or given. */
  readonly palette: { readonly source: "kmeans" | "given"; readonly k: number };
  /** Mean and standard deviation of the training band's gray (for luminance remapping). */
  readonly gray: GrayStats;
}

/** What fitting reported, without timings (a snapshot of the same training is the same file). */
export interface SnapshotFit {
  readonly history: readonly EpochRecord[];
  readonly bestEpoch: number | null;
  readonly metric: string | null;
  readonly facts: Readonly<Record<string, number | string>>;
  readonly backend: string | null;
}

/** The contents of an agent snapshot file, in the order written. */
export interface SnapshotDocument {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly plugin: { readonly name: string; readonly version: string; readonly output: "label" | "rgb" };
  /** The agent's configuration, defaults filled in (the same as `agent.config`). */
  readonly config: Config;
  /** The palette of the training band, `[r, g, b]` rows. */
  readonly palette: number[][];
  /** Seed of k-means and of the agent. */
  readonly seed: number;
  readonly training: SnapshotTraining;
  /**
   * Scores of the saved agent on the validation strip of its training band (null without a
   * strip). Learned agents hold the strip out of training; the basic agent trains on every
   * column, the strip included, so for it these show fit rather than generalisation.
   * `rightHalf`: scores on the photograph's right half, when it was trained on the left one.
   */
  readonly metrics: { readonly strip: Metrics | null; readonly rightHalf?: Metrics };
  readonly fit: SnapshotFit;
  /** What the plugin's `toJSON` returned; `plugin.restore` takes it. */
  readonly agent: AgentSnapshot;
}

/** SHA-256 (hex) of an image's RGB bytes: identifies the pixels whatever file format held them. */
export function pixelDigest(image: RgbImage): string {
  return createHash("sha256").update(image.data).digest("hex");
}

/** Non-finite numbers (PSNR of an exact strip) are written as null. */
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}

function checksumOf(body: string): string {
  return `sha256:${createHash("sha256").update(body).digest("hex")}`;
}

/**
 * The text of a snapshot file: the document as one line of JSON with a final `checksum` field,
 * the SHA-256 of the JSON of everything before it, so that a cut or altered file is refused.
 */
export function snapshotText(doc: SnapshotDocument): string {
  const body = JSON.stringify(doc, jsonNumbers);
  return `${body.slice(0, -1)},"checksum":${JSON.stringify(checksumOf(body))}}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Checks the fields apply needs; throws a one-line reason. */
function checkShape(doc: Record<string, unknown>): void {
  const plugin = doc.plugin;
  if (!isObject(plugin) || typeof plugin.name !== "string" || typeof plugin.version !== "string")
    throw new Error("plugin must name the plugin and its version");
  if (plugin.output !== "label" && plugin.output !== "rgb")
    throw new Error('plugin.output must be "label" or "rgb"');
  if (!isObject(doc.config)) throw new Error("config must be an object");
  if (!Array.isArray(doc.palette)) throw new Error("palette must be an array of [r, g, b]");
  paletteFromArray(doc.palette as number[][]);
  if (!Number.isSafeInteger(doc.seed)) throw new Error("seed must be an integer");
  const t = doc.training;
  if (!isObject(t) || !isCount(t.width) || !isCount(t.height) || !isCount(t.validationColumns))
    throw new Error("training must give the photograph's size and strip");
  if (!isObject(t.gray) || typeof t.gray.mean !== "number" || typeof t.gray.std !== "number")
    throw new Error("training.gray must give the gray mean and std");
  const agent = doc.agent;
  if (!isObject(agent) || typeof agent.plugin !== "string" || typeof agent.version !== "string")
    throw new Error("agent must be a plugin snapshot");
  if (!isObject(agent.config) || !("state" in agent)) throw new Error("agent must hold a config and a state");
  if (agent.plugin !== plugin.name || agent.version !== plugin.version)
    throw new Error(
      `agent is of ${agent.plugin} ${agent.version}, the file says ${plugin.name} ${plugin.version}`,
    );
  if (JSON.stringify(agent.config) !== JSON.stringify(doc.config))
    throw new Error("config differs from the agent's own");
}

/**
 * Parses and checks the text of a snapshot file: JSON, the format tag, the checksum and the
 * fields apply needs.
 * @throws SnapshotError naming `name`: truncated, not a snapshot, another format, corrupt
 */
export function parseSnapshot(text: string, name: string): SnapshotDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // A file cut short ends inside its JSON; one that is not a snapshot fails anywhere.
    const end = text.trimEnd();
    const cut =
      end.startsWith("{") &&
      (!end.endsWith("}") || /end of (JSON )?input|Unterminated/i.test((e as Error).message));
    throw new SnapshotError(
      cut
        ? `${name}: truncated agent snapshot (the file ends before its JSON does)`
        : `${name}: not an agent snapshot (not JSON)`,
    );
  }
  if (!isObject(doc) || typeof doc.format !== "string" || !doc.format.startsWith("colorize-agent/"))
    throw new SnapshotError(`${name}: not an agent snapshot (no "format": "${SNAPSHOT_FORMAT}")`);
  if (doc.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(
      `${name}: snapshot format ${doc.format} is not the ${SNAPSHOT_FORMAT} this colorize reads; save the agent again`,
    );
  const { checksum, ...rest } = doc;
  if (typeof checksum !== "string")
    throw new SnapshotError(`${name}: corrupt agent snapshot (its checksum is missing)`);
  if (checksumOf(JSON.stringify(rest)) !== checksum)
    throw new SnapshotError(`${name}: corrupt agent snapshot (its checksum does not match its contents)`);
  try {
    checkShape(rest);
  } catch (e) {
    throw new SnapshotError(`${name}: invalid agent snapshot (${(e as Error).message})`);
  }
  return rest as unknown as SnapshotDocument;
}

/**
 * Reads and checks a snapshot file ({@link parseSnapshot}).
 * @throws SnapshotError for a missing, empty, oversized or unusable file
 */
export async function readSnapshotFile(path: string): Promise<SnapshotDocument> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new SnapshotError(`${path}: not a file`);
    size = info.size;
  } catch (e) {
    if (e instanceof SnapshotError) throw e;
    const code = (e as { code?: string }).code;
    throw new SnapshotError(
      code === "ENOENT" ? `${path}: no such file` : `${path}: cannot read it (${code})`,
    );
  }
  if (size === 0) throw new SnapshotError(`${path}: file is empty`);
  if (size > MAX_SNAPSHOT_BYTES)
    throw new SnapshotError(`${path}: ${size} bytes is too large for a snapshot`);
  return parseSnapshot(await readFile(path, "utf8"), path);
}

/** major.minor, what a snapshot's state must agree on (the rule of core's `agentFactory`). */
function minorOf(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/** The palette a plugin snapshot's state carries, when it holds one the way core's agents do. */
function statePalette(state: unknown): Uint8Array | undefined {
  const p = isObject(state) ? state.palette : undefined;
  if (!isObject(p) || p.dtype !== "uint8" || typeof p.base64 !== "string") return undefined;
  try {
    return decodeArray(p as unknown as EncodedArray) as Uint8Array;
  } catch {
    return undefined;
  }
}

/** A restored agent with what it needs to be applied. */
export interface RestoredAgent {
  readonly loaded: LoadedPlugin;
  readonly agent: Agent;
  readonly palette: Palette;
}

/**
 * Finds the snapshot's plugin and restores its agent, refusing before any work: a plugin that is
 * not installed, one of another major.minor version, one without `restore`, a palette that is not
 * the one the agent's state holds, a configuration its schema rejects, and a state its `restore`
 * rejects (for model agents, a network whose size does not fit the palette).
 * @throws SnapshotError naming `name`
 */
export function restoreSnapshot(
  doc: SnapshotDocument,
  plugins: readonly LoadedPlugin[],
  name: string,
): RestoredAgent {
  const wanted = doc.plugin;
  const loaded = plugins.find((p) => p.name === wanted.name);
  if (!loaded) {
    throw new SnapshotError(
      `${name}: the agent is of ${wanted.name}, which is not installed (found: ${plugins.map((p) => p.short).join(", ") || "none"})`,
    );
  }
  const { plugin } = loaded;
  if (minorOf(plugin.meta.version) !== minorOf(wanted.version)) {
    throw new SnapshotError(
      `${name}: the agent was saved by ${wanted.name} ${wanted.version}; the installed ${plugin.meta.version} cannot restore it; train it again`,
    );
  }
  if (typeof plugin.restore !== "function")
    throw new SnapshotError(`${name}: plugin ${wanted.name} cannot restore agents (it has no restore)`);
  if (plugin.capabilities.output !== wanted.output)
    throw new SnapshotError(
      `${name}: the file says ${wanted.name} puts out ${wanted.output}, the plugin says ${plugin.capabilities.output}`,
    );
  const palette = paletteFromArray(doc.palette);
  const held = statePalette(doc.agent.state);
  if (held && held.length !== palette.colors.length) {
    throw new SnapshotError(
      `${name}: the palette has ${palette.size} colours but the agent was trained with ${held.length / 3}`,
    );
  }
  if (held?.some((v, i) => v !== palette.colors[i]))
    throw new SnapshotError(`${name}: the palette's colours are not those the agent was trained with`);
  let agent: Agent;
  try {
    parseConfig(plugin.params, doc.config);
    agent = plugin.restore(doc.agent);
  } catch (e) {
    const why = ((e as Error)?.message ?? String(e)).split("\n")[0];
    throw new SnapshotError(`${name}: the agent cannot be restored (${why})`);
  }
  return { loaded, agent, palette };
}
