import { describe, expect, it } from "vitest";
import type { RgbImage } from "./image.js";
import { resizeBox } from "./resize.js";
import { syntheticImage } from "./testing/synthetic.js";

const img = (width: number, height: number, px: number[]): RgbImage => ({
  width,
  height,
  data: Uint8Array.from(px),
});

/** Area averaging the obvious way: every target pixel sums the source pixels whose index maps to it. */
function slowResize(image: RgbImage, width: number, height: number): RgbImage {
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ys: number[] = [];
      const xs: number[] = [];
      for (let sy = 0; sy < image.height; sy++)
        if (Math.floor((sy * height) / image.height) === y) ys.push(sy);
      for (let sx = 0; sx < image.width; sx++) if (Math.floor((sx * width) / image.width) === x) xs.push(sx);
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (const sy of ys) for (const sx of xs) sum += image.data[(sy * image.width + sx) * 3 + c];
        out[(y * width + x) * 3 + c] = Math.round(sum / (ys.length * xs.length));
      }
    }
  }
  return { width, height, data: out };
}

describe("resizeBox", () => {
  it("averages the 2x2 blocks of a 4x2 image down to 2x1 (hand-worked)", () => {
    const src = img(
      4,
      2,
      [0, 0, 0, 10, 20, 30, 100, 0, 0, 101, 0, 0, 20, 40, 60, 30, 60, 90, 0, 0, 0, 0, 0, 2],
    );
    // Left block: (0+10+20+30)/4 = 15, (0+20+40+60)/4 = 30, (0+30+60+90)/4 = 45.
    // Right block: (100+101)/4 = 50.25 -> 50, 0, 2/4 = 0.5 -> 1 (Math.round rounds half up).
    expect([...resizeBox(src, 2, 1).data]).toEqual([15, 30, 45, 50, 0, 1]);
  });
  it("splits a row of 3 into 2 at floor(3 / 2): column 0 alone, then columns 1 and 2 (hand-worked)", () => {
    // x = 0 covers [0, floor(3/2)) = [0, 1); x = 1 covers [1, floor(6/2)) = [1, 3).
    const src = img(3, 1, [9, 0, 255, 10, 1, 0, 21, 2, 1]);
    // (10+21)/2 = 15.5 -> 16, (1+2)/2 = 1.5 -> 2, (0+1)/2 = 0.5 -> 1.
    expect([...resizeBox(src, 2, 1).data]).toEqual([9, 0, 255, 16, 2, 1]);
  });
  it("agrees with the slow obvious version when shrinking by whole factors", () => {
    const src = syntheticImage(48, 30, 3);
    for (const [w, h] of [
      [24, 15],
      [12, 10],
      [16, 6],
      [48, 30],
    ]) {
      expect(resizeBox(src, w, h).data).toEqual(slowResize(src, w, h).data);
    }
  });
  it("repeats the nearest pixel when enlarging", () => {
    expect([...resizeBox(img(1, 1, [1, 2, 3]), 2, 1).data]).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
