import type { RgbImage } from "@colorize/core";
import { syntheticImage } from "@colorize/runtime/testing";
import { describe, expect, it } from "vitest";
import { fitCells, halfBlockLines, previewLines, rgbTo256, SHADES } from "./preview.js";

const img = (width: number, height: number, px: number[]): RgbImage => ({
  width,
  height,
  data: Uint8Array.from(px),
});

describe("fitCells", () => {
  it("keeps the shape with one cell = 1 x 2 pixels", () => {
    // 600x400 in 39x16 cells: limited by width, 39 cols x 26 pixel rows = 13 cells.
    expect(fitCells(600, 400, 39, 16)).toEqual({ cols: 39, rows: 13 });
    // 100x400 in 80x10: limited by height, 20 pixel rows -> 5 cols.
    expect(fitCells(100, 400, 80, 10)).toEqual({ cols: 5, rows: 10 });
    expect(fitCells(10, 10, 0, 5)).toEqual({ cols: 0, rows: 0 });
  });
});

describe("rgbTo256", () => {
  it("maps to the xterm cube and gray ramp", () => {
    expect(rgbTo256(0, 0, 0)).toBe(16);
    expect(rgbTo256(255, 255, 255)).toBe(231);
    expect(rgbTo256(255, 0, 0)).toBe(196);
    expect(rgbTo256(0, 0, 255)).toBe(21);
    // 128 gray: the ramp has 128 exactly (232 + 12), the cube only 135.
    expect(rgbTo256(128, 128, 128)).toBe(244);
    expect(rgbTo256(95, 135, 175)).toBe(16 + 36 * 1 + 6 * 2 + 3);
  });
});

describe("halfBlockLines", () => {
  const two = img(2, 2, [255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 255, 0]);
  it("draws the top pixel as foreground and the bottom one as background, in 24-bit colour", () => {
    expect(halfBlockLines(two, "truecolor")).toEqual([
      "\x1b[38;2;255;0;0;48;2;0;0;255m▀\x1b[38;2;255;0;0;48;2;0;255;0m▀\x1b[0m",
    ]);
  });
  it("shares one escape between equal neighbours, in 256 colours", () => {
    const flat = img(2, 2, [255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255]);
    expect(halfBlockLines(flat, "256")).toEqual(["\x1b[38;5;196;48;5;21m▀▀\x1b[0m"]);
  });
  it("falls back to shade characters of the mean gray without colour", () => {
    // Column 0: red over blue, gray (21*255 + 7*255)/200 = 35.7 -> shade 1 ".";
    // column 1: red over green, (21*255 + 72*255)/200 = 118.6 -> shade 4 "=".
    expect(halfBlockLines(two, "none")).toEqual([`${SHADES[1]}${SHADES[4]}`]);
    expect(halfBlockLines(img(1, 2, [255, 255, 255, 255, 255, 255]), "none")).toEqual(["@"]);
  });
  it("fits a picture into the cells given", () => {
    const lines = previewLines(syntheticImage(60, 40), 30, 8, "none");
    expect(lines).toHaveLength(8);
    expect(lines.every((l) => l.length === 24)).toBe(true);
  });
});
