import type { Config, Metrics, ParamSchema, RgbImage } from "@colorize/core";
import type { AgentResult, EngineEvent } from "@colorize/runtime";
import type { ColorMode } from "./color-mode.js";

/** An agent offered on the set-up screen, with its parameter values (always valid for its schema). */
export interface SetupAgent {
  /** Short name, e.g. `knn`. */
  readonly short: string;
  readonly summary: string;
  readonly iterative: boolean;
  readonly enabled: boolean;
  readonly schema: ParamSchema;
  readonly values: Config;
}

/** The set-up screen: the image, the run-wide parameters, the agents; a cursor over its fields. */
export interface SetupState {
  readonly imagePath: string;
  readonly k: number;
  readonly seed: number;
  readonly agents: readonly SetupAgent[];
  /** Index into the field list (see `setupFields`). */
  readonly cursor: number;
  /** Text being typed into the field under the cursor, while editing. */
  readonly editing?: string;
}

/** One agent's row while a run goes on. */
export interface AgentRow {
  readonly name: string;
  readonly status: "queued" | "running" | "done" | "failed" | "cancelled";
  readonly stage?: string;
  /** Fraction done in [0, 1]: epoch / epochs for learned agents, else the stage's fraction. */
  readonly fraction: number;
  readonly epoch?: number;
  readonly epochs?: number;
  readonly trainLoss?: number;
  readonly validMetric?: number;
  /** Name of the validation metric, e.g. `ΔE00` or `accuracy`. */
  readonly metric?: string;
  /** Train loss and validation loss per epoch, for the loss curve. */
  readonly trainLosses: readonly number[];
  readonly validLosses: readonly number[];
  /** Milliseconds since the epoch (Date.now()), from the actions that carried them. */
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly result?: AgentResult;
  readonly message?: string;
}

/** A run: what the engine events said so far. */
export interface RunState {
  readonly imagePath: string;
  readonly image?: { readonly path: string; readonly width: number; readonly height: number };
  readonly split?: {
    readonly column: number;
    readonly trainWidth: number;
    readonly testWidth: number;
    readonly validationColumns: number;
  };
  readonly palette?: number[][];
  readonly k: number;
  readonly seed: number;
  /** The agent whose plugin declares the basic role, which the verdict compares the best with. */
  readonly basic?: string;
  readonly baselines: { readonly gray?: Metrics; readonly paletteCeiling?: Metrics };
  readonly agents: readonly AgentRow[];
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly status: "running" | "done";
  /** Pictures for the preview: the photograph, its gray, and each finished agent's output image. */
  readonly original?: RgbImage;
  readonly gray?: RgbImage;
  readonly outputs: Readonly<Record<string, RgbImage>>;
}

/** The panes under the agent rows. */
export const PANES = ["loss", "preview", "scores"] as const;
export type Pane = (typeof PANES)[number];

/** Everything the dashboard shows. */
export interface DashboardState {
  readonly screen: "setup" | "run";
  readonly columns: number;
  readonly rows: number;
  readonly colorMode: ColorMode;
  /** Latest clock reading (ms), from tick actions. */
  readonly now: number;
  readonly setup: SetupState;
  readonly run?: RunState;
  /** Row of the run whose curve and output are shown. */
  readonly selected: number;
  /** Set once the person picks a row; until then the selection follows the running agent. */
  readonly pinned?: boolean;
  readonly pane: Pane;
  /** Sort column of the comparison table (see SORT_COLUMN_COUNT) and its direction. */
  readonly sort: { readonly column: number; readonly reversed: boolean };
  /** A save is being written. */
  readonly saving?: boolean;
  readonly message?: { readonly text: string; readonly kind: "info" | "error" };
}

/** Everything that changes the state: engine events, pictures, keys (already interpreted) and the clock. */
export type Action =
  | { readonly type: "engine"; readonly event: EngineEvent; readonly at: number }
  | {
      readonly type: "run-start";
      readonly agents: readonly string[];
      /** The agent of the basic role among them, if any. */
      readonly basic?: string;
      readonly at: number;
    }
  | { readonly type: "pictures"; readonly original: RgbImage; readonly gray: RgbImage }
  | { readonly type: "output"; readonly agent: string; readonly image: RgbImage }
  | { readonly type: "tick"; readonly now: number }
  | { readonly type: "resize"; readonly columns: number; readonly rows: number }
  | { readonly type: "move"; readonly delta: number }
  | { readonly type: "edit-start" }
  | { readonly type: "edit-input"; readonly text: string }
  | { readonly type: "edit-backspace" }
  | { readonly type: "edit-commit" }
  | { readonly type: "edit-cancel" }
  | { readonly type: "toggle"; readonly delta: number }
  | { readonly type: "select"; readonly delta: number }
  | { readonly type: "pane"; readonly delta?: number; readonly to?: Pane }
  | { readonly type: "sort"; readonly delta: number }
  | { readonly type: "sort-reverse" }
  | { readonly type: "saving" }
  | { readonly type: "saved"; readonly folder: string; readonly files: number }
  | { readonly type: "message"; readonly text: string; readonly kind: "info" | "error" }
  | { readonly type: "to-setup" };
