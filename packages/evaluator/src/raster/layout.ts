import type { RgbImage } from "@colorize/core";
import { Canvas, type Rgb } from "./canvas.js";
import { GLYPH_HEIGHT, textWidth } from "./font.js";

/** An image with a caption drawn above it. */
export interface Tile {
  readonly image: RgbImage;
  readonly caption: string;
}

const INK: Rgb = [34, 34, 34];

/**
 * Lays tiles out in rows of `columns`, each under its caption, on a white sheet with an
 * optional title: the image grids of the report.
 */
export function tileGrid(tiles: readonly Tile[], columns: number, title?: string, scale = 2): Canvas {
  const gap = 12;
  const capH = GLYPH_HEIGHT * scale + 8;
  const cellW = Math.max(...tiles.map((t) => Math.max(t.image.width, textWidth(t.caption, scale))));
  const cellH = Math.max(...tiles.map((t) => t.image.height)) + capH;
  const rows = Math.ceil(tiles.length / columns);
  const titleH = title ? GLYPH_HEIGHT * scale + 16 : 0;
  const cols = Math.min(columns, tiles.length);
  const width = Math.max(gap + cols * (cellW + gap), title ? textWidth(title, scale) + 2 * gap : 0);
  const canvas = new Canvas(width, titleH + gap + rows * (cellH + gap));
  if (title) canvas.text(gap, gap, title, INK, scale);
  tiles.forEach((t, i) => {
    const x = gap + (i % columns) * (cellW + gap);
    const y = titleH + gap + Math.floor(i / columns) * (cellH + gap);
    canvas.text(x, y, t.caption, INK, scale);
    canvas.blit(t.image, x, y + capH);
  });
  return canvas;
}

/** Stacks images vertically, left-aligned, on white. */
export function stackVertical(images: readonly RgbImage[], gap = 8): Canvas {
  const w = Math.max(...images.map((i) => i.width));
  const h = images.reduce((s, i) => s + i.height, 0) + gap * Math.max(0, images.length - 1);
  const canvas = new Canvas(w, h);
  let y = 0;
  for (const img of images) {
    canvas.blit(img, 0, y);
    y += img.height + gap;
  }
  return canvas;
}
