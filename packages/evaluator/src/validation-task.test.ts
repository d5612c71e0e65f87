import { cropColumns, prepareTask, type RgbImage } from "@colorize/core";
import { syntheticImage } from "@colorize/runtime/testing";
import { describe, expect, it } from "vitest";
import { validationTask, validationTasks } from "./validation-task.js";

/** The same image with every right-half pixel replaced by seeded noise. */
function withOtherRightHalf(image: RgbImage): RgbImage {
  const data = image.data.slice();
  const c = Math.floor(image.width / 2);
  let s = 12345;
  for (let y = 0; y < image.height; y++) {
    for (let x = c; x < image.width; x++) {
      for (let ch = 0; ch < 3; ch++) {
        s = (s * 1103515245 + 12345) >>> 0;
        data[(y * image.width + x) * 3 + ch] = s >>> 24;
      }
    }
  }
  return { width: image.width, height: image.height, data };
}

describe("validationTask", () => {
  const image = syntheticImage(41, 12);

  it("uses the strip next to the split as its test band and the rest of the left half as training", () => {
    const v = validationTask(image, { k: 4, seed: 2, validationColumns: 3 });
    // c = floor(41 / 2) = 20; the strip is columns [17, 20).
    expect(v.column).toBe(17);
    expect(v.train.width).toBe(17);
    expect(v.test.width).toBe(3);
    expect(Buffer.from(v.truth)).toEqual(Buffer.from(cropColumns(image, 17, 20).data));
    expect(Buffer.from(v.train.rgb)).toEqual(Buffer.from(cropColumns(image, 0, 17).data));
    // gray100 of the first strip pixel, by hand.
    const o = 17 * 3;
    expect(v.test.gray100[0]).toBe(21 * image.data[o] + 72 * image.data[o + 1] + 7 * image.data[o + 2]);
  });

  it("defaults to the main task's strip width", () => {
    const v = validationTask(image);
    expect(v.stripColumns).toBe(prepareTask(image).train.validationColumns);
  });

  it("reads no right-half pixel: changing the right half changes nothing", () => {
    const a = validationTask(image, { k: 5, seed: 7 });
    const b = validationTask(withOtherRightHalf(image), { k: 5, seed: 7 });
    expect(b.palette).toEqual(a.palette);
    expect(b.train).toEqual(a.train);
    expect(b.test).toEqual(a.test);
    expect(Buffer.from(b.truth)).toEqual(Buffer.from(a.truth));
  });

  it("keeps the strip's colours out of the palette", () => {
    // A strip of pure blue that appears nowhere else must not become a palette colour.
    const data = image.data.slice();
    for (let y = 0; y < image.height; y++) {
      for (let x = 17; x < 20; x++) data.set([0, 0, 255], (y * image.width + x) * 3);
    }
    const v = validationTask({ ...image, data }, { k: 5, validationColumns: 3 });
    for (let i = 0; i < v.palette.size; i++)
      expect([...v.palette.colors.subarray(i * 3, i * 3 + 3)]).not.toEqual([0, 0, 255]);
  });

  it("refuses a strip that leaves too little to train on", () => {
    expect(() => validationTask(image, { validationColumns: 18 })).toThrow(/does not fit/);
    expect(() => validationTask(image, { validationColumns: 0 })).toThrow(/does not fit/);
  });

  it("validationTasks builds each size's task as validationTask does, and keeps only the sizes asked for", () => {
    const tasks = validationTasks(image, { seed: 3, validationColumns: 4 }, [5]);
    const five = tasks(5);
    expect(tasks(5)).toBe(five);
    const three = tasks(3);
    expect(tasks(3)).not.toBe(three);
    for (const [k, v] of [
      [5, five],
      [3, three],
    ] as const) {
      const own = validationTask(image, { k, seed: 3, validationColumns: 4 });
      expect(v.palette).toEqual(own.palette);
      expect(Array.from(v.train.labels)).toEqual(Array.from(own.train.labels));
      expect(Array.from(v.truth)).toEqual(Array.from(own.truth));
      expect(v.column).toBe(own.column);
    }
  });
});
