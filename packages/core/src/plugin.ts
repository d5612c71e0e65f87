import type { Agent, AgentSnapshot } from "./agent.js";
import { type Config, type ParamSchema, parseConfig } from "./params.js";
import { type PluginRole, type StripStudy, studyProblem } from "./study.js";
import type { GrayBands } from "./task.js";

/** How a plugin answers the write-up questions about itself; the evaluator's report quotes it. */
export interface PluginDescription {
  /** One sentence for listings. */
  readonly summary: string;
  readonly input?: string;
  readonly output?: string;
  readonly model?: string;
  readonly loss?: string;
  readonly algorithm?: string;
  readonly preprocessing?: string;
  readonly overfitting?: string;
}

/** Identity and kind of a plugin. `name` equals the package name. */
export interface PluginMeta {
  readonly name: string;
  readonly version: string;
  /** `agent` implements {@link Agent} directly; `model` is a trained model wrapped by core. */
  readonly kind: "agent" | "model";
  /** What the plugin is to the rest of the workbench (one of `PLUGIN_ROLES`); most plugins have none. */
  readonly role?: PluginRole;
  readonly description: PluginDescription;
}

/** What a plugin produces and can use. */
export interface PluginCapabilities {
  /** `label`: a palette colour per pixel; `rgb`: a free colour. */
  readonly output: "label" | "rgb";
  /** Compute backends it can use, e.g. ["js", "gpu.js"]. */
  readonly backends: readonly string[];
  /** Whether it exposes flat parameters and gradients (checked by finite differences). */
  readonly gradients: boolean;
  /** Whether training reports epochs. */
  readonly iterative: boolean;
}

/** The plugin contract: what a plugin package default-exports. */
export interface Plugin {
  readonly meta: PluginMeta;
  readonly capabilities: PluginCapabilities;
  readonly params: ParamSchema;
  /** The evaluator's studies this plugin answers itself from one shared computation (required for the basic role). */
  readonly study?: StripStudy;
  /**
   * Optional, a hint: the gray of both bands of a comparison about to run, before its palette and
   * validation strip exist. A plugin whose agent does work that depends on gray alone (the basic
   * agent's neighbour search) may start it here on other threads, so that it overlaps k-means and
   * the reference rows; its agent then takes the answer in `fit` and `predict`. It must return at
   * once, see no colour, and change no result: an agent that is never told must answer the same.
   */
  ahead?(bands: GrayBands, config: Config): void;
  /**
   * Optional, a hint: an agent of this plugin with `config` is about to run on a photograph whose
   * header has been read and accepted, before it is decoded. A plugin that starts worker threads
   * may start them here, so that they boot while the photograph decodes. It must return at once
   * and change no result.
   */
  warm?(config: Config): void;
  /** A fresh, untrained agent for a parsed configuration. */
  create(config: Config): Agent;
  /** An agent restored from {@link Agent.toJSON}'s snapshot. */
  restore(snapshot: AgentSnapshot): Agent;
}

const NAME_RE = /^(@[a-z0-9-]+\/)?[a-z0-9][a-z0-9._-]*$/;

/** Raised for a plugin that does not fit the contract. */
export class PluginError extends Error {
  override name = "PluginError";
}

/**
 * Checks a plugin object eagerly and returns it frozen. Throws {@link PluginError} with a
 * one-line message naming what is wrong.
 */
export function definePlugin<P extends Plugin>(plugin: P): P {
  const m = plugin?.meta;
  const who = m?.name ? `plugin ${m.name}` : "plugin";
  if (!m || typeof m.name !== "string" || !NAME_RE.test(m.name))
    throw new PluginError(`${who}: meta.name must be a package name`);
  if (typeof m.version !== "string" || !/^\d+\.\d+\.\d+/.test(m.version))
    throw new PluginError(`${who}: meta.version must be semver`);
  if (m.kind !== "agent" && m.kind !== "model")
    throw new PluginError(`${who}: meta.kind must be "agent" or "model"`);
  if (!m.description || typeof m.description.summary !== "string")
    throw new PluginError(`${who}: meta.description.summary is required`);
  const c = plugin.capabilities;
  if (!c || (c.output !== "label" && c.output !== "rgb"))
    throw new PluginError(`${who}: capabilities.output must be "label" or "rgb"`);
  if (!Array.isArray(c.backends) || c.backends.length === 0)
    throw new PluginError(`${who}: capabilities.backends must list at least one backend`);
  if (typeof plugin.create !== "function" || typeof plugin.restore !== "function")
    throw new PluginError(`${who}: create and restore must be functions`);
  for (const hook of ["ahead", "warm"] as const) {
    if (plugin[hook] !== undefined && typeof plugin[hook] !== "function")
      throw new PluginError(`${who}: ${hook} must be a function when present`);
  }
  try {
    parseConfig(plugin.params ?? {}, {});
  } catch (e) {
    throw new PluginError(`${who}: its defaults do not fit its own schema: ${(e as Error).message}`);
  }
  const problem = studyProblem(m.role, plugin.study, plugin.params ?? {});
  if (problem) throw new PluginError(`${who}: ${problem}`);
  return Object.freeze(plugin);
}

/** Parses a partial configuration for a plugin and creates the agent. */
export function createAgent(plugin: Plugin, partial: Record<string, unknown> = {}): Agent {
  return plugin.create(parseConfig(plugin.params, partial));
}

/** The short name of a plugin: `@colorize/plugin-knn` -> `knn`. */
export function shortName(name: string): string {
  return name.replace(/^@[^/]+\//, "").replace(/^(colorize-)?plugin-/, "");
}

/** major.minor of a version: in 0.x and later alike, what a snapshot's state must agree on. */
function compatible(a: string, b: string): boolean {
  return a.split(".").slice(0, 2).join(".") === b.split(".").slice(0, 2).join(".");
}

/**
 * The `create` and `restore` pair every plugin needs: both parse the configuration against the
 * schema, and `restore` refuses a snapshot of another plugin, or, given the plugin's `version`,
 * of another major.minor version (whose defaults and state may mean something else), before
 * handing its state to `make`.
 */
export function agentFactory<S>(
  name: string,
  params: ParamSchema,
  make: (config: Config, state?: S) => Agent,
  version?: string,
): Pick<Plugin, "create" | "restore"> {
  return {
    create: (config) => make(parseConfig(params, config)),
    restore: (snapshot: AgentSnapshot) => {
      if (snapshot.plugin !== name) throw new PluginError(`snapshot is of ${snapshot.plugin}, not ${name}`);
      if (version && !compatible(snapshot.version, version)) {
        throw new PluginError(
          `snapshot is of ${name} ${snapshot.version}, which this version (${version}) cannot restore; fit the agent again`,
        );
      }
      return make(parseConfig(params, snapshot.config), snapshot.state as S);
    },
  };
}
