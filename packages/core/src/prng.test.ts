import { describe, expect, it } from "vitest";
import { createRng, shuffle } from "./prng.js";

describe("createRng", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it("restores from its state", () => {
    const a = createRng(7);
    a.next();
    const b = createRng(a.state());
    expect(b.next()).toBe(a.next());
  });
  it("draws uniform integers and normals with the right moments", () => {
    const rng = createRng(1);
    const counts = new Array(4).fill(0);
    const n = 40000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      counts[rng.int(4)]++;
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    // 5 standard errors: fails only on a real bias.
    for (const c of counts) expect(Math.abs(c / n - 0.25)).toBeLessThan(5 * Math.sqrt((0.25 * 0.75) / n));
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
  it("refuses non-integer seeds and int(0)", () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(1).int(0)).toThrow(RangeError);
  });
  it("shuffles into a permutation", () => {
    const a = shuffle(
      Int32Array.from({ length: 50 }, (_, i) => i),
      createRng(3),
    );
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
