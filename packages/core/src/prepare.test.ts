import { describe, expect, it } from "vitest";
import { paletteFromArray } from "./palette.js";
import { composeOutput, defaultValidationColumns, grayHalves, prepareTask } from "./prepare.js";

function image(width: number, height: number, f: (x: number, y: number) => number[]) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(f(x, y), (y * width + x) * 3);
  return { width, height, data };
}

describe("prepareTask", () => {
  it("builds the palette from the left half only and hands agents no right-half colour", () => {
    // Left half red/black, right half a green never seen on the left.
    const img = image(9, 3, (x) => (x < 4 ? (x % 2 ? [255, 0, 0] : [0, 0, 0]) : [0, 255, 0]));
    const t = prepareTask(img, { k: 2, seed: 0 });
    expect(t.split.column).toBe(4);
    const pal = Array.from(t.palette.colors);
    expect(pal.length).toBe(6);
    expect(pal.filter((v, i) => i % 3 === 1 && v !== 0)).toEqual([]); // no green in the palette
    expect(t.train.width).toBe(4);
    expect(t.train.rgb.length).toBe(4 * 3 * 3);
    expect(t.test.width).toBe(5);
    expect(Object.keys(t.test).sort()).toEqual(["gray", "gray100", "height", "width"]);
    expect(t.truth.length).toBe(5 * 3 * 3);
    expect(t.test.gray[0]).toBe(0.72 * 255);
  });
  it("uses a given palette and composes the output image", () => {
    const img = image(6, 3, (x) => (x < 3 ? [250, 250, 250] : [10, 10, 10]));
    const t = prepareTask(img, {
      palette: paletteFromArray([
        [0, 0, 0],
        [255, 255, 255],
      ]),
    });
    expect(t.kmeans).toBeUndefined();
    expect(Array.from(t.train.labels)).toEqual(new Array(9).fill(1));
    const pred = new Uint8Array(9 * 3).fill(7);
    const out = composeOutput(t, pred);
    expect(Array.from(out.data.subarray(0, 9))).toEqual(new Array(9).fill(255));
    expect(Array.from(out.data.subarray(9, 18))).toEqual(new Array(9).fill(7));
  });
  it("carves a validation strip of 10% of the left half by default and refuses one that does not fit", () => {
    expect(defaultValidationColumns(300, 200)).toBe(30);
    expect(defaultValidationColumns(5, 200)).toBe(0);
    // At most 2^17 pixels: a 12 MP photograph's left half (2016 x 3024) gets 43 columns, not 202;
    // retina's (705 x 1411) keeps its 71 (100 181 pixels).
    expect(defaultValidationColumns(2016, 3024)).toBe(43);
    expect(defaultValidationColumns(705, 1411)).toBe(71);
    expect(defaultValidationColumns(384, 512)).toBe(38);
    expect(defaultValidationColumns(300, 1_000_000)).toBe(1);
    expect(prepareTask(image(30, 70_000, () => [0, 0, 0])).train.validationColumns).toBe(1);
    expect(prepareTask(image(30, 60_000, () => [0, 0, 0])).train.validationColumns).toBe(2);
    const img = image(20, 3, (x) => [x * 10, 0, 0]);
    expect(prepareTask(img).train.validationColumns).toBe(1);
    expect(() => prepareTask(img, { validationColumns: 10 })).toThrow(/does not fit/);
  });
  it("gives grayHalves equal to the task's gray bands, value for value, without k-means", () => {
    // Odd width (the test band is one wider), colours varying along both axes.
    const img = image(11, 4, (x, y) => [(x * 37 + y * 11) % 256, (x * 5 + y * 90) % 256, (x * y * 13) % 256]);
    const t = prepareTask(img, { k: 3, seed: 1 });
    const h = grayHalves(img);
    expect([h.train.width, h.train.height, h.test.width, h.test.height]).toEqual([5, 4, 6, 4]);
    expect(Array.from(h.train.gray100)).toEqual(Array.from(t.train.gray100));
    expect(Array.from(h.test.gray100)).toEqual(Array.from(t.test.gray100));
    // Hand-worked: pixel (5, 0) of the image is the test band's first, (185, 25, 0).
    expect(h.test.gray100[0]).toBe(21 * 185 + 72 * 25);
  });
});
