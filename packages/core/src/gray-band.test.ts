import { describe, expect, it } from "vitest";
import { testSet } from "./bands.js";
import { toGray } from "./gray.js";
import { gray100Of, grayColumns, grayTestSet } from "./gray-band.js";
import { cropColumns, rgbImage } from "./image.js";
import { createRng } from "./prng.js";

function randomRgb(w: number, h: number, seed: number) {
  const rng = createRng(seed);
  return rgbImage(
    w,
    h,
    Uint8Array.from({ length: w * h * 3 }, () => rng.int(256)),
  );
}

describe("gray test sets", () => {
  it("built from the gray of 8-bit colours equal testSet of the colours, gray100 included", () => {
    // Every one of the 25501 possible 21r + 72g + 7b values is recovered exactly from its float.
    const n = new Float64Array(25501);
    for (let v = 0; v <= 25500; v++) n[v] = v / 100;
    expect([...gray100Of(n)]).toEqual(Array.from({ length: 25501 }, (_, v) => v));
    const image = randomRgb(11, 7, 1);
    const want = testSet(image);
    const got = grayTestSet(toGray(image));
    expect(got.gray).toEqual(want.gray);
    expect(got.gray100).toEqual(want.gray100);
  });

  it("keeps finer gray as it is and rounds only gray100, to a hundredth", () => {
    const t = grayTestSet({ width: 3, height: 1, data: Float64Array.of(1000 / 257, 0.004, 254.995) });
    expect([...t.gray]).toEqual([1000 / 257, 0.004, 254.995]);
    expect([...t.gray100]).toEqual([389, 0, 25500]);
  });

  it("crops columns as cropColumns does for colours", () => {
    const image = randomRgb(9, 4, 2);
    expect(grayColumns(toGray(image), 3, 8)).toEqual(toGray(cropColumns(image, 3, 8)));
    expect(() => grayColumns(toGray(image), 5, 10)).toThrow(RangeError);
  });
});
