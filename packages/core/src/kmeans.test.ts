import { describe, expect, it } from "vitest";
import { distinctColors, kmeans } from "./kmeans.js";
import { createRng } from "./prng.js";

function pixels(list: number[][], repeat: number[] = list.map(() => 1)): Uint8Array {
  const out: number[] = [];
  list.forEach((c, i) => {
    for (let r = 0; r < repeat[i]; r++) out.push(...c);
  });
  return Uint8Array.from(out);
}

/** Slow obvious Lloyd step on every pixel, for comparison. */
function inertiaOf(rgb: Uint8Array, centroids: Float64Array, k: number): number {
  let total = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    let best = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const d =
        (rgb[i] - centroids[c * 3]) ** 2 +
        (rgb[i + 1] - centroids[c * 3 + 1]) ** 2 +
        (rgb[i + 2] - centroids[c * 3 + 2]) ** 2;
      best = Math.min(best, d);
    }
    total += best;
  }
  return total;
}

describe("kmeans", () => {
  it("finds well-separated clusters exactly, with weighted means", () => {
    const rgb = pixels(
      [
        [0, 0, 0],
        [2, 0, 0],
        [250, 250, 250],
        [100, 0, 200],
      ],
      [3, 1, 5, 2],
    );
    const r = kmeans(rgb, { k: 3, rng: createRng(0) });
    const cents = [0, 1, 2]
      .map((i) => Array.from(r.centroids.subarray(i * 3, i * 3 + 3)))
      .sort((a, b) => a[0] - b[0]);
    expect(cents).toEqual([
      [0.5, 0, 0],
      [100, 0, 200],
      [250, 250, 250],
    ]);
    expect(r.converged).toBe(true);
    expect(r.inertia).toBeCloseTo(3 * 0.25 + 1.5 * 1.5, 12);
    expect(r.inertia).toBeCloseTo(inertiaOf(rgb, r.centroids, 3), 9);
  });
  it("gives the same palette for the same seed", () => {
    const rng = createRng(9);
    const rgb = Uint8Array.from({ length: 3000 }, () => rng.int(256));
    const a = kmeans(rgb, { k: 5, rng: createRng(1) });
    const b = kmeans(rgb, { k: 5, rng: createRng(1) });
    expect(a.palette.colors).toEqual(b.palette.colors);
    expect(a.iterations).toBe(b.iterations);
  });
  it("returns each distinct colour when k exceeds their number", () => {
    const rgb = pixels(
      [
        [9, 9, 9],
        [1, 2, 3],
      ],
      [4, 4],
    );
    const r = kmeans(rgb, { k: 5, rng: createRng(0) });
    expect(r.palette.size).toBe(2);
    expect(r.distinctColors).toBe(2);
    expect(r.inertia).toBe(0);
  });
  it("handles one flat colour", () => {
    const r = kmeans(pixels([[7, 8, 9]], [20]), { k: 5, rng: createRng(0) });
    expect(Array.from(r.palette.colors)).toEqual([7, 8, 9]);
  });
  it("never decreases quality when k grows on random data (inertia falls)", () => {
    const rng = createRng(4);
    const rgb = Uint8Array.from({ length: 6000 }, () => rng.int(256));
    const i3 = kmeans(rgb, { k: 3, rng: createRng(0) }).inertia;
    const i8 = kmeans(rgb, { k: 8, rng: createRng(0) }).inertia;
    expect(i8).toBeLessThan(i3);
  });
  it("counts distinct colours", () => {
    const d = distinctColors(
      pixels([
        [1, 2, 3],
        [0, 0, 1],
        [1, 2, 3],
      ]),
    );
    expect(Array.from(d.colors)).toEqual([0, 0, 1, 1, 2, 3]);
    expect(Array.from(d.counts)).toEqual([1, 2]);
  });
  it("refuses bad k and empty input", () => {
    expect(() => kmeans(pixels([[1, 1, 1]]), { k: 0, rng: createRng(0) })).toThrow(RangeError);
    expect(() => kmeans(new Uint8Array(0), { k: 2, rng: createRng(0) })).toThrow(RangeError);
  });
});
