import type { Palette } from "../palette.js";
import type { TrainSet } from "../task.js";
import type { Head } from "./mlp.js";

/** Training targets of some pixels of the training band, in the form a {@link Head} reads. */
export interface Targets {
  readonly labels?: Uint8Array;
  readonly targets?: Float64Array;
  /** Values per row of `targets` (0 without them). */
  readonly targetSize: number;
  readonly weights?: Float64Array;
  /**
   * Targets computed on demand: before rows `order[from..to)` (mod the number of target rows) are
   * read, this writes those not written yet. Objectives of costly targets offer it for bands whose
   * training draws few of their rows (a 12 MP band: 6 million rows, some 800 000 draws).
   */
  readonly prepare?: (order: Int32Array, from: number, to: number) => void;
}

/**
 * What a model learns and how its outputs become colours: the loss head, the training targets
 * and the decoding. Plugins supply one; {@link modelAgent} does the rest.
 */
export interface Objective {
  /** `label`: outputs decode to palette colours; `rgb`: to free colours. */
  readonly output: "label" | "rgb";
  readonly head: Head;
  /** Targets of the training band's pixels `rows` (indices `y * width + x` of the band). */
  targets(train: TrainSet, rows: Int32Array): Targets;
  /**
   * Decodes `n` rows of raw outputs `z` for pixels of gray `gray` (0..255) into `rgb` (3 per
   * pixel) and, for label output, `labels`.
   */
  decode(z: Float64Array, n: number, gray: Float64Array, rgb: Uint8Array, labels?: Uint8Array): void;
  /**
   * Called once after training with the validation strip's outputs, grays and true colours, and
   * a scorer (mean ΔE2000 of an RGB guess for the strip, lower is better): lets an objective tune
   * its decoding on held-out left-half pixels.
   */
  calibrate?(z: Float64Array, n: number, gray: Float64Array, score: (rgb: Uint8Array) => number): void;
  /** JSON-friendly decoding state, handed back to the plugin's factory on restore. */
  state?(): unknown;
}

/** Builds an objective for a palette; `saved` is what {@link Objective.state} returned, on restore. */
export type ObjectiveFactory = (palette: Palette, saved?: unknown) => Objective;
