import type { FitReport, Metrics } from "@colorize/core";

/** What one agent achieved on the right half. */
export interface AgentResult {
  /** Short plugin name, e.g. `knn`. */
  readonly name: string;
  /** Package name of the plugin. */
  readonly plugin: string;
  readonly config: Record<string, unknown>;
  readonly metrics: Metrics;
  /** Wall-clock seconds of fit + predict. */
  readonly seconds: number;
  readonly fitSeconds: number;
  readonly predictSeconds: number;
  /** The compute backend that ran. */
  readonly backend: string;
  readonly fit: FitReport;
}

/**
 * Events of one run, in order: start, split, palette, baseline (x2), then per agent
 * agent-start, progress/epoch..., result or error, and finally done. The CLI prints them and
 * the dashboard folds them; neither shows anything else.
 */
export type EngineEvent =
  | {
      readonly type: "start";
      readonly image: { readonly path: string; readonly width: number; readonly height: number };
    }
  | {
      readonly type: "split";
      readonly column: number;
      readonly trainWidth: number;
      readonly testWidth: number;
      readonly validationColumns: number;
    }
  | {
      readonly type: "palette";
      readonly palette: number[][];
      readonly source: "kmeans" | "given";
      readonly k: number;
      readonly iterations?: number;
      readonly inertia?: number;
      /** Backend(s) that ran k-means' assignment kernel, e.g. "js" (with k-means only). */
      readonly backend?: string;
    }
  | { readonly type: "baseline"; readonly name: "gray" | "paletteCeiling"; readonly metrics: Metrics }
  | { readonly type: "agent-start"; readonly agent: string; readonly index: number; readonly total: number }
  | { readonly type: "progress"; readonly agent: string; readonly stage: string; readonly fraction: number }
  | {
      readonly type: "epoch";
      readonly agent: string;
      readonly epoch: number;
      readonly epochs: number;
      readonly trainLoss: number;
      readonly validLoss?: number;
      readonly validMetric?: number;
      readonly metric?: string;
    }
  | { readonly type: "log"; readonly agent: string; readonly message: string }
  | { readonly type: "result"; readonly result: AgentResult }
  | { readonly type: "error"; readonly agent: string; readonly message: string; readonly cancelled: boolean }
  | { readonly type: "done"; readonly seconds: number };

/** A listener of engine events. */
export type EngineListener = (event: EngineEvent) => void;
