import { type RgbImage, resizeBox } from "@colorize/core";
import type { ColorMode } from "./color-mode.js";

/** Terminal cells an image of `width` x `height` pixels fills inside `maxCols` x `maxRows`, keeping its shape. */
export function fitCells(
  width: number,
  height: number,
  maxCols: number,
  maxRows: number,
): { cols: number; rows: number } {
  if (maxCols < 1 || maxRows < 1 || width < 1 || height < 1) return { cols: 0, rows: 0 };
  // A cell is about twice as tall as wide, and a half block shows two pixel rows: one cell = 1x2 pixels.
  const scale = Math.min(maxCols / width, (2 * maxRows) / height);
  return {
    cols: Math.max(1, Math.min(maxCols, Math.round(width * scale))),
    rows: Math.max(1, Math.min(maxRows, Math.round((height * scale) / 2))),
  };
}

const CUBE = [0, 95, 135, 175, 215, 255];

function cubeIndex(v: number): number {
  let best = 0;
  for (let i = 1; i < 6; i++) if (Math.abs(CUBE[i] - v) < Math.abs(CUBE[best] - v)) best = i;
  return best;
}

/** The xterm 256-colour index nearest (r, g, b): the 6x6x6 cube or the 24-step gray ramp, whichever is closer. */
export function rgbTo256(r: number, g: number, b: number): number {
  const ri = cubeIndex(r);
  const gi = cubeIndex(g);
  const bi = cubeIndex(b);
  const cubeDist = (CUBE[ri] - r) ** 2 + (CUBE[gi] - g) ** 2 + (CUBE[bi] - b) ** 2;
  // Gray ramp 232..255 is 8, 18, ..., 238.
  const mean = (r + g + b) / 3;
  const gray = Math.min(23, Math.max(0, Math.round((mean - 8) / 10)));
  const level = 8 + 10 * gray;
  const grayDist = (level - r) ** 2 + (level - g) ** 2 + (level - b) ** 2;
  return grayDist < cubeDist ? 232 + gray : 16 + 36 * ri + 6 * gi + bi;
}

/** Characters from dark to light for the plain-text preview. */
export const SHADES = " .:-=+*#%@";

function sgr(mode: ColorMode, data: Uint8Array, o: number, background: boolean): string {
  const lead = background ? 48 : 38;
  if (mode === "truecolor") return `${lead};2;${data[o]};${data[o + 1]};${data[o + 2]}`;
  return `${lead};5;${rgbTo256(data[o], data[o + 1], data[o + 2])}`;
}

/**
 * Draws an image as terminal lines of upper half blocks (top pixel in the foreground colour, bottom
 * pixel in the background colour), one line per two pixel rows; the image must have an even height.
 * Without colour each cell is a shade character of the two pixels' mean gray (0.21 R + 0.72 G + 0.07 B).
 */
export function halfBlockLines(image: RgbImage, mode: ColorMode): string[] {
  const { width, data } = image;
  const lines: string[] = [];
  for (let y = 0; y + 1 < image.height; y += 2) {
    let line = "";
    let last = "";
    for (let x = 0; x < width; x++) {
      const top = (y * width + x) * 3;
      const bottom = top + width * 3;
      if (mode === "none") {
        const g =
          (21 * (data[top] + data[bottom]) +
            72 * (data[top + 1] + data[bottom + 1]) +
            7 * (data[top + 2] + data[bottom + 2])) /
          200;
        line += SHADES[Math.min(SHADES.length - 1, Math.floor((g * SHADES.length) / 256))];
        continue;
      }
      const code = `\x1b[${sgr(mode, data, top, false)};${sgr(mode, data, bottom, true)}m`;
      // Neighbouring cells of one colour share an escape: lines stay short on flat areas.
      line += code === last ? "▀" : `${code}▀`;
      last = code;
    }
    lines.push(mode === "none" ? line : `${line}\x1b[0m`);
  }
  return lines;
}

/** An image fitted into `maxCols` x `maxRows` cells and drawn with {@link halfBlockLines}. */
export function previewLines(image: RgbImage, maxCols: number, maxRows: number, mode: ColorMode): string[] {
  const { cols, rows } = fitCells(image.width, image.height, maxCols, maxRows);
  if (cols === 0) return [];
  return halfBlockLines(resizeBox(image, cols, rows * 2), mode);
}
