import type { Kernels } from "./kernels.js";
import type { Config } from "./params.js";
import type { Rng } from "./prng.js";
import type { Prediction, TestSet, TrainSet } from "./task.js";

/** The part of an AbortSignal that agents look at (core has no DOM or Node types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/** A progress event from an agent. */
export type ProgressEvent =
  | { readonly type: "stage"; readonly stage: string; readonly fraction: number }
  | {
      readonly type: "epoch";
      readonly epoch: number;
      /** Upper bound on epochs (training may stop earlier). */
      readonly epochs: number;
      readonly trainLoss: number;
      readonly validLoss?: number;
      /** Validation metric named by `metric`, e.g. mean ΔE2000 or label accuracy on the strip. */
      readonly validMetric?: number;
      readonly metric?: string;
    }
  | { readonly type: "log"; readonly message: string };

/** What an agent is given besides its data. */
export interface RunContext {
  /** Seed of this run; `rng` is derived from it. */
  readonly seed: number;
  readonly rng: Rng;
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Requested compute backend ("auto" by default); the one that ran goes in the prediction. */
  readonly backend?: string;
  /**
   * The kernels of the requested backend, chosen per kernel and shape by the runtime (core
   * cannot load a compute package itself); absent: core's float64 loops ({@link referenceKernels}).
   */
  readonly kernels?: Kernels;
}

/** One epoch of a training history. */
export interface EpochRecord {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validLoss?: number;
  readonly validMetric?: number;
}

/** What fitting reports, for the evaluator's write-up. */
export interface FitReport {
  /** Per-epoch history of a learned agent (empty for non-iterative agents). */
  readonly history?: readonly EpochRecord[];
  /** Epoch whose parameters were kept (early stopping). */
  readonly bestEpoch?: number;
  /** Name of `validMetric` in the history. */
  readonly metric?: string;
  /** Free-form facts measured during fitting (e.g. training patches, unique patches). */
  readonly facts?: Readonly<Record<string, number | string>>;
  /** The compute backend that ran. */
  readonly backend?: string;
}

/** A saved agent: enough to restore it and predict identically. */
export interface AgentSnapshot {
  readonly plugin: string;
  readonly version: string;
  readonly config: Config;
  readonly state: unknown;
}

/** A trained or trainable colouring agent. */
export interface Agent {
  /** Learns from the left half. May be called once. */
  fit(train: TrainSet, ctx: RunContext): Promise<FitReport>;
  /** Colours the right half from its gray values. */
  predict(test: TestSet, ctx: RunContext): Promise<Prediction>;
  /** A JSON-serialisable snapshot; `plugin.restore(snapshot)` predicts identically. */
  toJSON(): AgentSnapshot;
}

/** Raised when a run is cancelled through its AbortSignal. */
export class AbortError extends Error {
  override name = "AbortError";
  constructor(message = "the run was cancelled") {
    super(message);
  }
}

/** Throws {@link AbortError} when the signal has fired. Call it between chunks of work. */
export function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw new AbortError();
}
