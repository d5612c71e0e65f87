import type { EpochRecord, Metrics, ParamSchema, PluginDescription, PluginRole } from "@colorize/core";

/**
 * The results document (`results.json`). Versioned by {@link SCHEMA}; documented field by field in
 * docs/evaluation.md. Everything is deterministic for a given plan and code except fields whose
 * name contains `seconds` (timings). Non-finite numbers are written as `null`.
 */
export const SCHEMA = "colorize-eval/1";

/** A metric summary over seeds: mean, sample standard deviation (0 for one value), count. */
export interface Stat {
  readonly mean: number;
  readonly sd: number;
  readonly n: number;
}

/** Scores of a prediction of the validation strip (sweeps, k study). */
export interface StripScores {
  readonly deltaE2000: number;
  readonly labelAccuracy: number;
  readonly rmse: number;
}

/** An agent of the evaluation, with what its plugin says about itself. */
export interface AgentInfo {
  /** Label in tables (the plugin's short name). */
  readonly name: string;
  readonly plugin: string;
  readonly version: string;
  readonly kind: "agent" | "model";
  /** The role its plugin declares (`basic`: the basic agent, which the others are compared with), or null. */
  readonly role: PluginRole | null;
  readonly output: "label" | "rgb";
  readonly iterative: boolean;
  /** The full configuration run, defaults filled in. */
  readonly config: Record<string, unknown>;
  readonly params: ParamSchema;
  readonly description: PluginDescription;
}

/**
 * The basic-role agent a k study runs with: the evaluation's own (its label and configuration),
 * or, when no agent of the evaluation declares the role, the basic plugin with its defaults.
 */
export interface KStudyAgent {
  /** The agent's label, or the plugin's short name when it is not one of the evaluated agents. */
  readonly name: string;
  readonly plugin: string;
  readonly version: string;
  /** Its full configuration, defaults filled in. */
  readonly config: Record<string, unknown>;
}

/** A parameter sweep: one agent, one parameter, several values, scored on the validation strip. */
export interface SweepSpec {
  readonly agent: string;
  readonly param: string;
  readonly values: readonly (number | string | boolean)[];
}

/** What was asked: the same in every shard of one evaluation. */
export interface EvalPlan {
  /** Image paths as given (relative to the working folder), in evaluation order. */
  readonly images: readonly string[];
  readonly seeds: readonly number[];
  readonly agents: readonly AgentInfo[];
  /** Palette size of the comparison. */
  readonly k: number;
  /** Validation strip width, or null for each image's default (10 % of the left half, at most 2^17 pixels). */
  readonly validationColumns: number | null;
  /** Palette sizes of the k study, or null when it was not asked for. */
  readonly kStudy: readonly number[] | null;
  /** Who runs the k study; null without one, or when no plugin declares the basic role (it is then skipped). */
  readonly kStudyAgent: KStudyAgent | null;
  readonly sweeps: readonly SweepSpec[];
  readonly leakCheck: boolean;
  /**
   * Present in a pairs evaluation: per image of `images` (the targets, in the same order), the
   * colour photograph the agents train on. Absent when each image trains on its own left half.
   */
  readonly pairs?: readonly ImagePair[];
}

/** A reference (training) photograph and the target photograph it colours, as paths. */
export interface ImagePair {
  readonly reference: string;
  readonly target: string;
}

/** One agent's run on one image and seed. */
export interface UnitAgent {
  readonly name: string;
  readonly metrics: Metrics;
  readonly backend: string;
  readonly seconds: number;
  readonly fitSeconds: number;
  readonly predictSeconds: number;
  readonly history: readonly EpochRecord[];
  readonly bestEpoch: number | null;
  readonly metric: string | null;
  readonly facts: Readonly<Record<string, number | string>>;
}

/** One point of the k study. */
export interface KPoint {
  readonly k: number;
  /** RMSE over R, G, B of the left half minus the strip against its own k-means palette (float centroids). */
  readonly quantisationRmse: number;
  /** The basic agent on the validation strip with a palette of k colours. */
  readonly validation: StripScores;
}

/** One point of a sweep. */
export interface SweepPoint {
  readonly agent: string;
  readonly param: string;
  readonly value: number | string | boolean;
  readonly validation: StripScores | null;
  readonly error: string | null;
  readonly seconds: number;
}

/** Everything measured on one image with one seed: a unit of work. */
export interface UnitResult {
  /** Position in the plan's unit list (image-major, then seed). */
  readonly unit: number;
  readonly image: string;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly split: { readonly column: number; readonly validationColumns: number };
  readonly palette: number[][];
  readonly kmeans: { readonly iterations: number; readonly inertia: number } | null;
  readonly baselines: { readonly gray: Metrics; readonly paletteCeiling: Metrics };
  readonly agents: readonly UnitAgent[];
  readonly errors: readonly { readonly agent: string; readonly message: string }[];
  readonly kStudy: readonly KPoint[] | null;
  readonly kStudySeconds: number;
  readonly sweeps: readonly SweepPoint[];
  /** Per agent: whether its prediction was byte-identical after the right half's colours were scrambled. */
  readonly leakCheck: readonly { readonly agent: string; readonly identical: boolean }[] | null;
  readonly seconds: number;
  /** In a pairs evaluation: the photograph the agents trained on (the image is the target). */
  readonly reference?: { readonly image: string; readonly width: number; readonly height: number };
}

/** Per-image summary over seeds. */
export interface ImageSummary {
  readonly image: string;
  readonly width: number;
  readonly height: number;
  readonly agents: readonly {
    readonly name: string;
    readonly metrics: Readonly<Record<keyof Metrics, Stat>>;
    readonly seconds: Stat;
    readonly backend: string;
  }[];
  readonly baselines: {
    readonly gray: Readonly<Record<keyof Metrics, Stat>>;
    readonly paletteCeiling: Readonly<Record<keyof Metrics, Stat>>;
  };
  readonly kStudy: KStudySummary | null;
  readonly sweeps: readonly SweepSummary[];
}

/** The k study of one image over seeds, with its recommendation. */
export interface KStudySummary {
  readonly points: readonly {
    readonly k: number;
    readonly quantisationRmse: Stat;
    readonly deltaE2000: Stat;
    readonly labelAccuracy: Stat;
  }[];
  readonly elbowK: number;
  readonly bestK: number;
  readonly recommendedK: number;
  /** One sentence built from the numbers above. */
  readonly reason: string;
}

/** One sweep on one image over seeds. */
export interface SweepSummary {
  readonly agent: string;
  readonly param: string;
  readonly points: readonly {
    readonly value: number | string | boolean;
    readonly deltaE2000: Stat;
    readonly labelAccuracy: Stat;
    readonly seconds: Stat;
    readonly failed: number;
  }[];
}

/** Summary over every image and seed. */
export interface OverallSummary {
  readonly agents: readonly {
    readonly name: string;
    readonly metrics: Readonly<Record<keyof Metrics, Stat>>;
    readonly seconds: Stat;
    /** Images on which this agent's mean ΔE2000 is lower than the basic agent's (null without it). */
    readonly beatsBasicOn: number | null;
  }[];
}

/** The whole document. */
export interface EvalResults {
  readonly schema: typeof SCHEMA;
  readonly plan: EvalPlan;
  /** Present on a shard's partial results: which slice of the units it ran. */
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly units: readonly UnitResult[];
  readonly summary: { readonly images: readonly ImageSummary[]; readonly overall: OverallSummary };
  /** Leak check verdict over every unit: agents whose prediction changed. */
  readonly leaks: readonly string[];
  readonly seconds: number;
}
