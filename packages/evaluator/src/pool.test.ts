import { describe, expect, it } from "vitest";
import { nextUnit } from "./pool.js";

describe("the pool's choice of a lane's next unit", () => {
  const images = ["a", "a", "a", "b", "b", "b", "c"];

  it("keeps a lane on its photograph, then moves to one no other lane is on", () => {
    const taken = images.map(() => false);
    // Lane 1 starts on a; lane 2, with a busy, on b.
    expect(nextUnit(images, taken, undefined, new Set())).toBe(0);
    taken[0] = true;
    expect(nextUnit(images, taken, undefined, new Set(["a"]))).toBe(3);
    taken[3] = true;
    // Each continues with its own photograph's seeds.
    expect(nextUnit(images, taken, "a", new Set(["b"]))).toBe(1);
    expect(nextUnit(images, taken, "b", new Set(["a"]))).toBe(4);
    for (const i of [1, 2, 4]) taken[i] = true;
    // Lane 1 is done with a: c is free.
    expect(nextUnit(images, taken, "a", new Set(["b"]))).toBe(6);
    taken[6] = true;
    // Nothing free is left but b's last seed, which lane 2 is on: take it rather than idle.
    expect(nextUnit(images, taken, "c", new Set(["b"]))).toBe(5);
    taken[5] = true;
    expect(nextUnit(images, taken, "c", new Set())).toBe(-1);
  });
});
