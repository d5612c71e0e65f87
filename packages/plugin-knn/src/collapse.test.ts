import { createRng } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { collapseRows } from "./collapse.js";

describe("collapseRows", () => {
  it("groups a hand-worked case by first occurrence with ascending members", () => {
    const data = new Int32Array([1, 2, 3, 4, 1, 2, 5, 6, 3, 4, 1, 2]);
    const c = collapseRows(data, 2);
    expect(c.count).toBe(3);
    expect(Array.from(c.unique)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(c.groupOf)).toEqual([0, 1, 0, 2, 1, 0]);
    expect(Array.from(c.start)).toEqual([0, 3, 5, 6]);
    expect(Array.from(c.members)).toEqual([0, 2, 5, 1, 4, 3]);
  });

  it("agrees with a string-keyed map on random rows with many duplicates", () => {
    for (let seed = 0; seed < 5; seed++) {
      const rng = createRng(seed);
      const dim = 1 + rng.int(9);
      const n = 1 + rng.int(2000);
      const data = new Int32Array(n * dim);
      for (let i = 0; i < data.length; i++) data[i] = rng.int(3) - 1;
      const c = collapseRows(data, dim);
      const seen = new Map<string, number[]>();
      for (let r = 0; r < n; r++) {
        const key = Array.from(data.subarray(r * dim, r * dim + dim)).join(",");
        if (!seen.has(key)) seen.set(key, []);
        seen.get(key)!.push(r);
      }
      const groups = [...seen.values()];
      expect(c.count).toBe(groups.length);
      for (let g = 0; g < c.count; g++) {
        expect(Array.from(c.members.subarray(c.start[g], c.start[g + 1]))).toEqual(groups[g]);
        expect(Array.from(c.unique.subarray(g * dim, g * dim + dim))).toEqual(
          Array.from(data.subarray(groups[g][0] * dim, groups[g][0] * dim + dim)),
        );
      }
    }
  });
});
