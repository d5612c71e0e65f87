import { describe, expect, it } from "vitest";
import { trainSet } from "../bands.js";
import { syntheticImage } from "../testing/synthetic.js";
import { labelObjective } from "./label-objective.js";
import { STRIP_PIXELS, ValidationStrip } from "./validation.js";

describe("the validation strip", () => {
  const palette = { size: 2, colors: Uint8Array.of(0, 0, 0, 255, 255, 255) };

  it("is the held-out columns next to the split, row by row", () => {
    const data = trainSet(syntheticImage(10, 4, 1), palette, 3);
    const strip = new ValidationStrip(data, labelObjective(palette));
    expect(strip.width).toBe(3);
    expect(strip.n).toBe(12);
    expect(Array.from(strip.rows.subarray(0, 4))).toEqual([7, 8, 9, 17]);
  });

  it("scores at most STRIP_PIXELS pixels: the held-out columns nearest the split that fit", () => {
    const height = STRIP_PIXELS / 8;
    const data = trainSet(syntheticImage(40, height, 2), palette, 20);
    const strip = new ValidationStrip(data, labelObjective(palette));
    expect(strip.width).toBe(8);
    expect(strip.n).toBe(STRIP_PIXELS);
    expect(strip.rows[0]).toBe(32);
    expect(strip.rows[strip.n - 1]).toBe(40 * height - 1);
  });
});
