import { cropColumns, toGray100 } from "@colorize/core";
import { syntheticImage } from "@colorize/runtime/testing";
import { describe, expect, it } from "vitest";
import { changedPredictions, leakCheck, scrambleRightHalf } from "./leak-check.js";

describe("scrambleRightHalf", () => {
  const image = syntheticImage(30, 10);
  const scrambled = scrambleRightHalf(image, 4);

  it("keeps every gray exactly and the left half byte for byte", () => {
    expect(toGray100(scrambled)).toEqual(toGray100(image));
    expect(Buffer.from(cropColumns(scrambled, 0, 15).data)).toEqual(
      Buffer.from(cropColumns(image, 0, 15).data),
    );
  });

  it("changes the colour of most right-half pixels", () => {
    const a = cropColumns(image, 15, 30).data;
    const b = cropColumns(scrambled, 15, 30).data;
    let changed = 0;
    for (let i = 0; i < a.length; i += 3)
      if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) changed++;
    expect(changed / (a.length / 3)).toBeGreaterThan(0.9);
  });

  it("leaves pure black and pure white alone: no step keeps them in range", () => {
    const img = { width: 6, height: 3, data: new Uint8Array(54).fill(255) };
    expect(Buffer.from(scrambleRightHalf(img, 1).data)).toEqual(Buffer.from(img.data));
  });
});

describe("leakCheck", () => {
  it("flags a prediction that depends on the right half's true colours and passes one that does not", async () => {
    const image = syntheticImage(30, 10);
    const predict = async (img: typeof image) =>
      new Map([
        ["honest", new Uint8Array(toGray100(cropColumns(img, 15, 30)).buffer)],
        ["leaky", cropColumns(img, 15, 30).data],
      ]);
    expect(await leakCheck(image, 0, predict)).toEqual([
      { agent: "honest", identical: true },
      { agent: "leaky", identical: false },
    ]);
  });

  it("counts a missing or resized prediction as changed", () => {
    const a = new Map([
      ["x", Uint8Array.of(1, 2, 3)],
      ["y", Uint8Array.of(1)],
    ]);
    expect(changedPredictions(a, new Map([["x", Uint8Array.of(1, 2, 3)]]))).toEqual(["y"]);
    expect(
      changedPredictions(
        a,
        new Map([
          ["x", Uint8Array.of(1, 2)],
          ["y", Uint8Array.of(1)],
        ]),
      ),
    ).toEqual(["x"]);
  });
});
