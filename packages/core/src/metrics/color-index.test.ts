import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { ColorIndex } from "./color-index.js";

describe("ColorIndex", () => {
  it("numbers colours by first appearance and returns the same index on repeat", () => {
    const index = new ColorIndex(4);
    expect(index.indexOf(0xff0000)).toBe(0);
    expect(index.indexOf(0)).toBe(1);
    expect(index.indexOf(0xff0000)).toBe(0);
    expect(index.indexOf(0xffffff)).toBe(2);
    expect(index.size).toBe(3);
    expect([...index.colors()]).toEqual([0xff0000, 0, 0xffffff]);
  });

  it("agrees with a Map through many growths", () => {
    const rng = createRng(5);
    const index = new ColorIndex(1);
    const reference = new Map<number, number>();
    let mismatches = 0;
    for (let i = 0; i < 50_000; i++) {
      // Half the draws from a small set, so repeats and fresh colours interleave.
      const key = rng.next() < 0.5 ? rng.int(300) : rng.int(1 << 24);
      let expected = reference.get(key);
      if (expected === undefined) {
        expected = reference.size;
        reference.set(key, expected);
      }
      if (index.indexOf(key) !== expected) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(index.size).toBe(reference.size);
    expect([...index.colors()]).toEqual([...reference.keys()]);
  });
});
