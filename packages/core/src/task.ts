import type { Palette } from "./palette.js";

/**
 * What an agent trains on: the left half only, as an image of its own (width = split column).
 * Arrays are row-major over this band: pixel (x, y) is index `y * width + x`.
 */
export interface TrainSet {
  readonly width: number;
  readonly height: number;
  /** Gray as float64, never rounded. */
  readonly gray: Float64Array;
  /** Gray x 100 as exact integers (21r + 72g + 7b). */
  readonly gray100: Int32Array;
  /** True colours, interleaved RGB. */
  readonly rgb: Uint8Array;
  /** Nearest palette label of every pixel. */
  readonly labels: Uint8Array;
  /** The palette shared by every agent of a comparison. */
  readonly palette: Palette;
  /**
   * Width of the validation strip: the last `validationColumns` columns of this band (the ones
   * next to the split). Learned agents hold them out of training for early stopping and model
   * choice; the basic agent trains on the whole band.
   */
  readonly validationColumns: number;
}

/** What an agent predicts from: the right half's gray only, as an image of its own. */
export interface TestSet {
  readonly width: number;
  readonly height: number;
  readonly gray: Float64Array;
  readonly gray100: Int32Array;
}

/** An agent's answer for every pixel of the test band. */
export interface Prediction {
  /** Interleaved RGB, `width * height * 3` of the test band. */
  readonly rgb: Uint8Array;
  /** Palette labels, for agents whose output is a palette colour. */
  readonly labels?: Uint8Array;
  /** The compute backend that ran, e.g. "js", "gpu.js:webasm". */
  readonly backend: string;
}

/** A band's gray as the k-NN search reads it: x 100 as exact integers, row-major. */
export interface GrayBand {
  readonly width: number;
  readonly height: number;
  readonly gray100: Int32Array;
}

/** Both bands' gray, before the palette exists (see `Plugin.ahead`). */
export interface GrayBands {
  readonly train: GrayBand;
  readonly test: GrayBand;
}
