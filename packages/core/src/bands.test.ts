import { describe, expect, it } from "vitest";
import { bandTask, testSet, trainSet } from "./bands.js";
import type { RgbImage } from "./image.js";
import { paletteFromArray } from "./palette.js";
import { syntheticImage } from "./testing/synthetic.js";

const img = (width: number, height: number, px: number[]): RgbImage => ({
  width,
  height,
  data: Uint8Array.from(px),
});
const blackWhite = paletteFromArray([
  [0, 0, 0],
  [255, 255, 255],
]);

describe("trainSet", () => {
  it("holds a band's gray, gray x 100, colours and nearest labels (hand-worked)", () => {
    const band = img(2, 1, [10, 20, 30, 250, 240, 230]);
    const t = trainSet(band, blackWhite, 1);
    // 21*10 + 72*20 + 7*30 = 1860; 21*250 + 72*240 + 7*230 = 24140.
    expect([...t.gray100]).toEqual([1860, 24140]);
    expect([...t.gray]).toEqual([18.6, 241.4]);
    expect([...t.labels]).toEqual([0, 1]);
    expect(t.rgb).toBe(band.data);
    expect(t).toMatchObject({ width: 2, height: 1, palette: blackWhite, validationColumns: 1 });
  });
  it("refuses a strip that is not a whole number of columns inside the band", () => {
    const band = img(2, 1, [0, 0, 0, 0, 0, 0]);
    expect(() => trainSet(band, blackWhite, 2)).toThrow(
      "validation strip of 2 columns does not fit a band of 2 columns",
    );
    expect(() => trainSet(band, blackWhite, -1)).toThrow(RangeError);
    expect(() => trainSet(band, blackWhite, 0.5)).toThrow(RangeError);
  });
});

describe("testSet", () => {
  it("keeps only the gray, and a gray photograph's gray is its value exactly", () => {
    const t = testSet(img(3, 1, [7, 7, 7, 0, 0, 0, 255, 255, 255]));
    expect(Object.keys(t).sort()).toEqual(["gray", "gray100", "height", "width"]);
    expect([...t.gray]).toEqual([7, 0, 255]);
    expect([...t.gray100]).toEqual([700, 0, 25500]);
  });
});

describe("bandTask", () => {
  it("builds any two bands, not only halves: a whole image to train and a gray one to test", () => {
    const whole = syntheticImage(10, 6, 4);
    const gray = img(4, 2, [9, 9, 9, 8, 8, 8, 7, 7, 7, 6, 6, 6, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2]);
    const t = bandTask(whole, gray, { k: 3, seed: 1, validationColumns: 2 });
    expect(t.palette.size).toBe(3);
    expect(t.kmeans?.palette).toBe(t.palette);
    expect(t.train).toEqual(trainSet(whole, t.palette, 2));
    expect(t.test).toEqual(testSet(gray));
    expect(t.truth).toBe(gray.data);
  });
  it("takes a given palette without k-means", () => {
    const t = bandTask(img(1, 1, [200, 200, 200]), img(1, 1, [1, 2, 3]), {
      palette: blackWhite,
      validationColumns: 0,
    });
    expect(t.kmeans).toBeUndefined();
    expect(t.palette).toBe(blackWhite);
    expect([...t.train.labels]).toEqual([1]);
  });
  it("lets no test-band colour reach the palette or the training set", () => {
    const train = syntheticImage(12, 6, 2);
    const a = bandTask(train, syntheticImage(8, 6, 5), { k: 4, seed: 3, validationColumns: 1 });
    const b = bandTask(train, img(1, 1, [0, 255, 0]), { k: 4, seed: 3, validationColumns: 1 });
    expect(b.palette).toEqual(a.palette);
    expect(b.train).toEqual(a.train);
  });
  it("refuses a strip wider than the training band", () => {
    expect(() => bandTask(img(1, 1, [0, 0, 0]), img(1, 1, [0, 0, 0]), { validationColumns: 1 })).toThrow(
      /does not fit a band of 1 columns/,
    );
  });
});
