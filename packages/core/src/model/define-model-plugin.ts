import type { Kernels } from "../kernels.js";
import { type Config, defaultsOf, type ParamSchema } from "../params.js";
import {
  agentFactory,
  definePlugin,
  type Plugin,
  type PluginDescription,
  PluginError,
  type PluginMeta,
} from "../plugin.js";
import { ensembleOptions } from "./ensemble-params.js";
import type { FeatureOptions } from "./features.js";
import { modelAgent } from "./model-agent.js";
import { modelParamSchema, modelSpec } from "./model-params.js";
import type { ModelAgentState } from "./model-snapshot.js";
import { mlpNetwork, type NetworkFactory } from "./network.js";
import type { ObjectiveFactory } from "./objective.js";

/** What a model plugin declares; {@link defineModelPlugin} makes the plugin of it. */
export interface ModelPluginDefinition {
  /**
   * Name (the package name), version and description; `kind` is `model`. Left out,
   * `description.input` is written from the default features and `description.preprocessing`
   * says how features are standardised and where the palette comes from.
   */
  readonly meta: Omit<PluginMeta, "kind">;
  /** What the objective decodes to: palette labels or free colours. */
  readonly output: "label" | "rgb";
  /**
   * The parameter schema: {@link modelParamSchema}'s parameters with the plugin's defaults, and
   * optionally {@link ensembleParams} and parameters of the plugin's own.
   */
  readonly params: ParamSchema;
  /**
   * The objective of a configuration, for the task's palette. Runs when an agent is created or
   * restored: throw a ConfigError here for a configuration the objective cannot train.
   */
  readonly objective: (config: Config) => ObjectiveFactory;
  /** The networks of a configuration (default: the fully connected net of `hidden`, `activation`, `l2`). */
  readonly network?: (config: Config) => NetworkFactory;
  /** The features of a configuration (default: `patchSize`, `pca`, `localStd`, `context`). */
  readonly features?: (config: Config) => FeatureOptions;
  /**
   * The dense kernels for a run's requested backend ("auto", a backend's name; see
   * `RunContext.backend`), e.g. the compute package's `denseKernels`; throws a one-line error for
   * a backend that cannot run. Default: core's float64 loops whatever is asked.
   */
  readonly kernels?: (backend: string) => Kernels;
  /** Backend names `kernels` accepts, for the plugin's capabilities (default: "js"). */
  readonly backends?: readonly string[];
}

/** Parameters every model plugin's schema has (those of {@link modelParamSchema} but the optional network ones). */
const MODEL_KEYS = Object.keys(
  modelParamSchema({
    l2: 0,
    patchSize: 1,
    pca: 0,
    localStd: false,
    context: [],
    epochs: 1,
    batchSize: 1,
    optimizer: "adam",
    learningRate: 0,
    momentum: 0,
    schedule: "constant",
    patience: 1,
    samplesPerEpoch: 0,
    averaging: 0,
  }),
);

const PREPROCESSING =
  "features standardised with means and deviations of the left half; palette from k-means on the left half";

const DESCRIPTION_FIELDS = [
  "summary",
  "input",
  "output",
  "model",
  "loss",
  "algorithm",
  "preprocessing",
  "overfitting",
] as const satisfies readonly (keyof PluginDescription)[];

/** "a", "a and b", "a, b, and c". */
function listOf(items: readonly string[]): string {
  if (items.length < 3) return items.join(" and ");
  return `${items.slice(0, -1).join(", ")}, and ${items[items.length - 1]}`;
}

/** The write-up's `input` line for a plugin's default configuration. */
export function describeModelInput(config: Config): string {
  const f = modelSpec(config).features;
  const { members, row } = ensembleOptions(config);
  const patch = `${f.patchSize}x${f.patchSize} patch`;
  const parts = [f.pca > 0 ? `the first ${f.pca} principal components of its ${patch}` : `its ${patch}`];
  if (f.localStd) parts.push("the patch's spread");
  if (f.context.length > 0) parts.push(`gray mean and spread in windows of radius ${f.context.join(", ")}`);
  if (f.gradient)
    parts.push(
      `the gray gradient's structure tensor (energy, orientation) in windows of radius ${f.gradient.join(", ")}`,
    );
  const seeing = members - Math.floor(members / 2);
  const rowClause =
    row === "off"
      ? ""
      : row === "all" || members === 1
        ? `; ${members === 1 ? "the network" : "every network"} also sees the pixel's row`
        : `; ${members % 2 === 0 ? "half of the" : `${seeing} of the ${members}`} networks also see the pixel's row`;
  return `standardised gray features of each pixel: ${listOf(parts)}${rowClause}`;
}

/**
 * A model plugin from its declaration: core's model agent (features, the ensemble of networks,
 * validation strip, early stopping, prediction and snapshots) around the plugin's objective,
 * with `create` and `restore` parsing configurations and refusing snapshots of another plugin
 * or another major.minor version. Throws a {@link PluginError} for a schema without the model
 * parameters.
 */
export function defineModelPlugin(def: ModelPluginDefinition): Plugin {
  const { meta, params, output } = def;
  const missing = MODEL_KEYS.filter((k) => !(k in params));
  if (missing.length > 0) {
    throw new PluginError(`plugin ${meta.name}: params lack the model parameters ${missing.join(", ")}`);
  }
  const make = (config: Config, state?: ModelAgentState) => {
    const objective = def.objective(config);
    const spec = modelSpec(config);
    return modelAgent(
      {
        plugin: meta.name,
        version: meta.version,
        config,
        features: def.features?.(config) ?? spec.features,
        network: def.network?.(config) ?? mlpNetwork(spec.network),
        training: spec.training,
        kernels: def.kernels,
        ...ensembleOptions(config),
        objective: (palette, saved) => {
          const o = objective(palette, saved);
          if (o.output !== output)
            throw new PluginError(`plugin ${meta.name}: its objective decodes to ${o.output}, not ${output}`);
          return o;
        },
      },
      state,
    );
  };
  const given: Partial<PluginDescription> = meta.description;
  const filled: Partial<PluginDescription> = {
    input: describeModelInput(defaultsOf(params)),
    preprocessing: PREPROCESSING,
  };
  // In the order of PluginDescription, so the write-up and results list them as for any plugin.
  const description = Object.fromEntries(
    DESCRIPTION_FIELDS.flatMap((k) => {
      const v = given[k] ?? filled[k];
      return v === undefined ? [] : [[k, v]];
    }),
  ) as unknown as PluginDescription;
  return definePlugin({
    meta: { ...meta, kind: "model", description },
    capabilities: { output, backends: [...(def.backends ?? ["js"])], gradients: true, iterative: true },
    params,
    ...agentFactory<ModelAgentState>(meta.name, params, make, meta.version),
  });
}
