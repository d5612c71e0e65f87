import type { Config, ParamSchema } from "../params.js";
import { DEFAULT_NOVELTY_POWER } from "./ensemble.js";
import { DEFAULT_STRIP_RATE, type EnsembleSpec, ROW_MEMBERS, type RowMembers } from "./fit-ensemble.js";

/** The ensemble options a plugin's parameters can set, every one off by default. */
export type EnsembleOptions = Pick<
  EnsembleSpec,
  | "members"
  | "row"
  | "shrink"
  | "smoothing"
  | "mirror"
  | "novelty"
  | "noveltyRadius"
  | "noveltyFloor"
  | "noveltyPower"
  | "flip"
  | "guided"
  | "stripEpochs"
  | "stripRate"
>;

/**
 * The parameters of the ensemble layer, with a plugin's defaults (all off unless given): a
 * plugin that offers them spreads this into its schema next to {@link modelParamSchema}'s;
 * {@link ensembleOptions} reads them back.
 */
export function ensembleParams(d: EnsembleOptions = {}): ParamSchema {
  return {
    mirror: {
      type: "boolean",
      default: d.mirror ?? false,
      description:
        "also train on the left-right mirror image of the training columns (same colours, flipped patches)",
    },
    flip: {
      type: "boolean",
      default: d.flip ?? false,
      description:
        "each network's output is the mean of its outputs on the band and on its left-right mirror image (needs pca 0)",
    },
    stripEpochs: {
      type: "integer",
      default: d.stripEpochs ?? 0,
      min: 0,
      max: 100,
      description:
        "epochs each network trains on afterwards on the training columns and the validation strip together, once the strip has judged them (0: off)",
    },
    stripRate: {
      type: "number",
      default: d.stripRate ?? DEFAULT_STRIP_RATE,
      min: 1e-6,
      max: 4,
      description: "the learning rate of those epochs, as a fraction of the training's",
    },
    smoothing: {
      type: "number",
      default: d.smoothing ?? 0,
      min: 0,
      max: 8,
      description: "sigma in pixels of a Gaussian blur of the model's outputs before decoding (0: off)",
    },
    members: {
      type: "integer",
      default: d.members ?? 1,
      min: 1,
      max: 16,
      description: "networks trained with their own seeds whose outputs are averaged",
    },
    row: {
      type: "enum",
      values: ROW_MEMBERS,
      default: d.row ?? "off",
      description: "members that also see the pixel's row (0 top, 1 bottom): off, half (the later half), all",
    },
    shrink: {
      type: "number",
      default: d.shrink ?? 0,
      min: 0,
      max: 16,
      description:
        "lambda: each pixel's averaged output times max(0, 1 - lambda * members' variance / mean^2) (0: plain average)",
    },
    novelty: {
      type: "number",
      default: d.novelty ?? 0,
      min: 0,
      max: 1000,
      description:
        "t: where the members disagree over the test band more than t times as much as over the validation strip (ratio r), outputs times (t / r)^p (0: off)",
    },
    noveltyRadius: {
      type: "integer",
      default: d.noveltyRadius ?? 0,
      min: 0,
      max: 4096,
      description:
        "radius in pixels of the novelty rule's window: the ratio taken pixel by pixel over the window around each pixel (0: over the whole band)",
    },
    noveltyFloor: {
      type: "number",
      default: d.noveltyFloor ?? 0,
      min: 0,
      max: 1000,
      description:
        "the smallest strip disagreement the novelty rule divides by, in the model's output units squared (0: none)",
    },
    noveltyPower: {
      type: "number",
      default: d.noveltyPower ?? DEFAULT_NOVELTY_POWER,
      min: 0,
      max: 4,
      description:
        "p: the novelty rule scales outputs by (t / r)^p where r > t (0.5: the square root; larger takes more colour away from a novel band)",
    },
    guided: {
      type: "integer",
      default: d.guided?.radius ?? 0,
      min: 0,
      max: 32,
      description:
        "radius in pixels of a guided filter of the outputs by the gray, edge-aware, at prediction (0: off)",
    },
    guidedEpsilon: {
      type: "number",
      default: d.guided?.epsilon ?? 4,
      min: 1e-6,
      max: 65025,
      description:
        "the guided filter's regulariser ε, in gray levels squared: larger smooths across weaker edges",
    },
  };
}

/** The ensemble options of a configuration; those its schema does not offer are off. */
export function ensembleOptions(config: Config): Required<EnsembleOptions> {
  return {
    mirror: (config.mirror as boolean | undefined) ?? false,
    smoothing: (config.smoothing as number | undefined) ?? 0,
    members: (config.members as number | undefined) ?? 1,
    row: (config.row as RowMembers | undefined) ?? "off",
    shrink: (config.shrink as number | undefined) ?? 0,
    novelty: (config.novelty as number | undefined) ?? 0,
    noveltyRadius: (config.noveltyRadius as number | undefined) ?? 0,
    noveltyFloor: (config.noveltyFloor as number | undefined) ?? 0,
    noveltyPower: (config.noveltyPower as number | undefined) ?? DEFAULT_NOVELTY_POWER,
    flip: (config.flip as boolean | undefined) ?? false,
    stripEpochs: (config.stripEpochs as number | undefined) ?? 0,
    stripRate: (config.stripRate as number | undefined) ?? DEFAULT_STRIP_RATE,
    guided: {
      radius: (config.guided as number | undefined) ?? 0,
      epsilon: (config.guidedEpsilon as number | undefined) ?? 4,
    },
  };
}
