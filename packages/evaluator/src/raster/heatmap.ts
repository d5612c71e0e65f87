import type { RgbImage } from "@colorize/core";
import { viridis } from "./ramp.js";

/** ΔE2000 at which the heat map saturates: far beyond a just-noticeable difference (about 1-2). */
export const HEAT_MAX = 30;

/** Paints per-pixel values (row-major, `width * height`) through viridis over [0, max]. */
export function heatImage(values: Float64Array, width: number, height: number, max = HEAT_MAX): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const c = viridis(values[i] / max);
    data[i * 3] = c[0];
    data[i * 3 + 1] = c[1];
    data[i * 3 + 2] = c[2];
  }
  return { width, height, data };
}
