import type { RgbImage } from "@colorize/core";
import { Canvas, type Rgb } from "./canvas.js";
import { GLYPH_HEIGHT, textWidth } from "./font.js";
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

const INK: Rgb = [34, 34, 34];

/** A horizontal colour bar from 0 to `max` with ticks every `max / 5` and a caption. */
export function heatLegend(width: number, caption: string, max = HEAT_MAX, scale = 2): Canvas {
  const barH = 16;
  const textH = GLYPH_HEIGHT * scale;
  const pad = 12;
  const canvas = new Canvas(width, pad + textH + 6 + barH + 6 + textH + pad);
  canvas.text(pad, pad, caption, INK, scale);
  const x0 = pad;
  const x1 = width - pad - textWidth(`${max}+`, scale) / 2;
  const y = pad + textH + 6;
  for (let x = x0; x <= x1; x++) canvas.line(x, y, x, y + barH - 1, viridis((x - x0) / (x1 - x0)));
  for (let i = 0; i <= 5; i++) {
    const v = (max * i) / 5;
    const px = x0 + ((x1 - x0) * i) / 5;
    const label = i === 5 ? `${v}+` : String(v);
    canvas.line(px, y + barH, px, y + barH + 3, INK);
    canvas.text(px - textWidth(label, scale) / 2, y + barH + 6, label, INK, scale);
  }
  return canvas;
}
