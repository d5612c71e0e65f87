import {
  type AbortSignalLike,
  type Agent,
  type GrayImage,
  type GrayStats,
  grayStats,
  onGrayPlane,
  type ProgressEvent,
  remapGray,
} from "@colorize/core";
import { type BandOptions, predictInBands } from "./band-predict.js";
import { runContext } from "./run-context.js";

/** Options of {@link applyAgent}. */
export interface ApplyOptions extends BandOptions {
  /**
   * Remap the photograph's gray to the training band's mean and standard deviation before the
   * agent matches it (Welsh et al.'s luminance remapping); the output keeps the photograph's own gray.
   */
  readonly matchGray?: boolean;
  /**
   * Move every output colour onto the pixel's own gray (0.21 r + 0.72 g + 0.07 b = gray, to
   * rounding): palette agents then paint each palette colour's chroma at the pixel's gray, as
   * softmax-mlp's decoding does. RGB agents keep the gray by themselves (rgb-mlp's exact
   * luminance) and, with `matchGray`, are always moved back onto the photograph's own gray.
   */
  readonly keepGray?: boolean;
  /** Seed of the prediction's run context (the snapshot's seed). */
  readonly seed: number;
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly backend?: string;
}

/** What applying an agent to a gray photograph gives. */
export interface Applied {
  /** The coloured photograph, interleaved RGB. */
  readonly rgb: Uint8Array;
  /** The agent's palette label of every pixel (palette agents). */
  readonly labels?: Uint8Array;
  readonly backend: string;
  readonly bands: number;
  /** Gray statistics of the photograph, and those it was matched at (the training band's with `matchGray`). */
  readonly gray: { readonly own: GrayStats; readonly matched: GrayStats };
  /** Whether output colours were moved onto the photograph's gray. */
  readonly onOwnGray: boolean;
}

/**
 * Colours a gray photograph with a fitted (or restored) agent. The agent predicts from the
 * photograph's gray, or with `matchGray` from that gray remapped to `training`'s statistics, in
 * bands ({@link predictInBands}); then, when asked (see {@link ApplyOptions}), each colour is put on
 * the photograph's own gray with core's `onGrayPlane`. Without either option the output is the
 * agent's prediction byte for byte: a snapshot trained on a left half and applied to the right half
 * reproduces `colorize run`'s right half.
 */
export async function applyAgent(
  agent: Agent,
  output: "label" | "rgb",
  gray: GrayImage,
  training: { readonly gray: GrayStats; readonly paletteSize: number },
  options: ApplyOptions,
): Promise<Applied> {
  const own = grayStats(gray.data);
  const matched = options.matchGray ? training.gray : own;
  const seen = options.matchGray
    ? { width: gray.width, height: gray.height, data: remapGray(gray.data, own, matched) }
    : gray;
  const ctx = runContext(options);
  const p = await predictInBands(agent, seen, ctx, training.paletteSize, options);
  const onOwnGray = options.keepGray === true || (output === "rgb" && options.matchGray === true);
  let rgb = p.rgb;
  if (onOwnGray) {
    rgb = new Uint8Array(p.rgb.length);
    const g = gray.data;
    for (let i = 0, o = 0; i < g.length; i++, o += 3)
      onGrayPlane(p.rgb[o], p.rgb[o + 1], p.rgb[o + 2], g[i], rgb, o);
  }
  return { rgb, labels: p.labels, backend: p.backend, bands: p.bands, gray: { own, matched }, onOwnGray };
}
