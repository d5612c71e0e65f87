import {
  type Agent,
  type GrayImage,
  grayColumns,
  grayTestSet,
  type Prediction,
  type RunContext,
  throwIfAborted,
} from "@colorize/core";

/** Pixels of one band (its halo included) above which a photograph is predicted in bands: 4 Mi. */
export const BAND_PIXELS = 4 * 1024 * 1024;

/**
 * Columns added on each side of a band and dropped from its prediction: more than any shipped
 * agent's prediction of a pixel reaches (the basic agent's patch radius is at most 4; the learned
 * agents' widest context window is 16 pixels, plus 6 of output smoothing).
 */
export const BAND_HALO = 64;

/** Options of {@link predictInBands}. */
export interface BandOptions {
  /** Largest band, halo included, in pixels (default {@link BAND_PIXELS}). */
  readonly bandPixels?: number;
  /** Columns of context on each side of a band (default {@link BAND_HALO}). */
  readonly halo?: number;
}

/** The column ranges of the bands of an image: `[x0, x1)` kept, `[e0, e1)` predicted. */
export function columnBands(
  width: number,
  height: number,
  options: BandOptions = {},
): { x0: number; x1: number; e0: number; e1: number }[] {
  const halo = options.halo ?? BAND_HALO;
  const pixels = options.bandPixels ?? BAND_PIXELS;
  if (!(pixels > 0) || !Number.isInteger(halo) || halo < 0) throw new RangeError("bad band options");
  if (width * height <= pixels) return [{ x0: 0, x1: width, e0: 0, e1: width }];
  // At least as many kept columns as halo columns, so a band's work is mostly its own.
  const inner = Math.max(halo, 16, Math.floor(pixels / height) - 2 * halo);
  const out = [];
  for (let x0 = 0; x0 < width; x0 += inner) {
    const x1 = Math.min(width, x0 + inner);
    out.push({ x0, x1, e0: Math.max(0, x0 - halo), e1: Math.min(width, x1 + halo) });
  }
  return out;
}

/**
 * Predicts a gray photograph with a fitted agent in bands of whole columns, so that no band holds
 * more than about `bandPixels` pixels: each band is widened by `halo` columns on both sides, its
 * test set built from its float gray ({@link grayTestSet}), predicted, and its own columns kept.
 * Bands span the full height, so a feature that depends on the row keeps its meaning. An image
 * within one band is predicted in one call, as `colorize run` predicts a right half. With a halo
 * wider than the agent's reach, the basic agent's labels are exactly those of one call (its patch
 * distances are integers). The learned agents' window sums start from the band's first column
 * instead of the image's, so their float rounding differs in the last bits; their bytes came out
 * identical to one call's for all three shipped learned agents on astronaut.png (8 bands) and
 * retina.jpg (23 bands), and in the tests, but that is measured, not guaranteed.
 * @throws Error when the agent returns a prediction of the wrong size or labels outside the palette
 */
export async function predictInBands(
  agent: Agent,
  gray: GrayImage,
  ctx: RunContext,
  paletteSize: number,
  options: BandOptions = {},
): Promise<Prediction & { bands: number }> {
  const { width, height } = gray;
  const bands = columnBands(width, height, options);
  const rgb = new Uint8Array(width * height * 3);
  let labels: Uint8Array | undefined;
  const backends = new Set<string>();
  for (const [b, band] of bands.entries()) {
    throwIfAborted(ctx.signal);
    const w = band.e1 - band.e0;
    const test = grayTestSet(bands.length === 1 ? gray : grayColumns(gray, band.e0, band.e1));
    const onProgress = ctx.onProgress;
    const p = await agent.predict(test, {
      ...ctx,
      onProgress:
        onProgress &&
        ((e) => onProgress(e.type === "stage" ? { ...e, fraction: (b + e.fraction) / bands.length } : e)),
    });
    if (!(p.rgb instanceof Uint8Array) || p.rgb.length !== w * height * 3)
      throw new Error(`the agent returned ${p.rgb?.length} RGB values for ${w * height} pixels`);
    if (b === 0 && p.labels) labels = new Uint8Array(width * height);
    if (labels) {
      if (!p.labels || p.labels.length !== w * height)
        throw new Error("the agent returned labels for some bands only, or of the wrong size");
      for (let i = 0; i < p.labels.length; i++)
        if (p.labels[i] >= paletteSize)
          throw new Error(`the agent predicted label ${p.labels[i]} outside its palette of ${paletteSize}`);
    }
    backends.add(p.backend);
    const keep = band.x1 - band.x0;
    const off = band.x0 - band.e0;
    for (let y = 0; y < height; y++) {
      const src = y * w + off;
      rgb.set(p.rgb.subarray(src * 3, (src + keep) * 3), (y * width + band.x0) * 3);
      if (labels) labels.set(p.labels!.subarray(src, src + keep), y * width + band.x0);
    }
  }
  const backend = [...backends].join(", ");
  return labels ? { rgb, labels, backend, bands: bands.length } : { rgb, backend, bands: bands.length };
}
