import type { RgbImage } from "@colorize/core";
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphColumns } from "./font.js";

/** An RGB colour, channels 0..255. */
export type Rgb = readonly [number, number, number];

/** A drawable RGB raster: an {@link RgbImage} plus clipped drawing primitives. */
export class Canvas implements RgbImage {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.data = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  /** Sets one pixel; coordinates outside the canvas are ignored. */
  set(x: number, y: number, c: Rgb): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 3;
    this.data[o] = c[0];
    this.data[o + 1] = c[1];
    this.data[o + 2] = c[2];
  }

  /** The colour at (x, y). */
  get(x: number, y: number): Rgb {
    const o = (y * this.width + x) * 3;
    return [this.data[o], this.data[o + 1], this.data[o + 2]];
  }

  fillRect(x: number, y: number, w: number, h: number, c: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const o = (yy * this.width + xx) * 3;
        this.data[o] = c[0];
        this.data[o + 1] = c[1];
        this.data[o + 2] = c[2];
      }
    }
  }

  /** A line `thickness` pixels wide (square pen), by Bresenham between rounded end points. */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 1): void {
    // A non-finite end point (a degenerate axis) has no pixels; Bresenham would never reach it.
    if (!Number.isFinite(x0) || !Number.isFinite(y0) || !Number.isFinite(x1) || !Number.isFinite(y1)) return;
    let ax = Math.round(x0);
    let ay = Math.round(y0);
    const bx = Math.round(x1);
    const by = Math.round(y1);
    const dx = Math.abs(bx - ax);
    const dy = -Math.abs(by - ay);
    const sx = ax < bx ? 1 : -1;
    const sy = ay < by ? 1 : -1;
    let err = dx + dy;
    const half = Math.floor((thickness - 1) / 2);
    for (;;) {
      if (thickness <= 1) this.set(ax, ay, c);
      else this.fillRect(ax - half, ay - half, thickness, thickness, c);
      if (ax === bx && ay === by) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        ax += sx;
      }
      if (e2 <= dx) {
        err += dx;
        ay += sy;
      }
    }
  }

  /** Draws text with its top-left corner at (x, y); `scale` multiplies the 5x7 font. */
  text(x: number, y: number, s: string, c: Rgb, scale = 1): void {
    let cx = Math.round(x);
    const top = Math.round(y);
    for (const ch of s) {
      const cols = glyphColumns(ch);
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        const bits = cols[col];
        for (let row = 0; row < GLYPH_HEIGHT; row++) {
          if (bits & (1 << row)) this.fillRect(cx + col * scale, top + row * scale, scale, scale, c);
        }
      }
      cx += (GLYPH_WIDTH + 1) * scale;
    }
  }

  /** Text rotated a quarter turn anticlockwise (reading bottom to top), its top-left at (x, y). */
  textVertical(x: number, y: number, s: string, c: Rgb, scale = 1): void {
    const chars = [...s];
    const len = chars.length * (GLYPH_WIDTH + 1) * scale;
    let cy = Math.round(y) + len;
    for (const ch of chars) {
      const cols = glyphColumns(ch);
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        const bits = cols[col];
        for (let row = 0; row < GLYPH_HEIGHT; row++) {
          if (bits & (1 << row)) this.fillRect(x + row * scale, cy - (col + 1) * scale, scale, scale, c);
        }
      }
      cy -= (GLYPH_WIDTH + 1) * scale;
    }
  }

  /** Copies an RGB image with its top-left corner at (x, y), clipped. */
  blit(image: RgbImage, x: number, y: number): void {
    for (let yy = 0; yy < image.height; yy++) {
      const ty = y + yy;
      if (ty < 0 || ty >= this.height) continue;
      for (let xx = 0; xx < image.width; xx++) {
        const tx = x + xx;
        if (tx < 0 || tx >= this.width) continue;
        const s = (yy * image.width + xx) * 3;
        const o = (ty * this.width + tx) * 3;
        this.data[o] = image.data[s];
        this.data[o + 1] = image.data[s + 1];
        this.data[o + 2] = image.data[s + 2];
      }
    }
  }
}
