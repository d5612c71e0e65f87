import { describe, expect, it } from "vitest";
import { referenceKernels } from "./kernels.js";
import { assignToCentroids, distinctColors, kmeans } from "./kmeans.js";
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

/**
 * Plain k-means++ and Lloyd iterations on distinct weighted colours, written without bounds: the
 * fast version must give the very same centroids.
 */
function plainKmeans(rgb: Uint8Array, k: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const { colors, counts } = distinctColors(rgb);
  const m = counts.length;
  const d2 = (i: number, c: Float64Array, j: number) =>
    (colors[i * 3] - c[j * 3]) ** 2 +
    (colors[i * 3 + 1] - c[j * 3 + 1]) ** 2 +
    (colors[i * 3 + 2] - c[j * 3 + 2]) ** 2;
  const pick = (w: number[]) => {
    const total = w.reduce((a, b) => a + b, 0);
    const target = rng.next() * total;
    let acc = 0;
    for (let i = 0; i < w.length; i++) {
      acc += w[i];
      if (acc > target && w[i] > 0) return i;
    }
    return w.length - 1;
  };
  const cent = new Float64Array(k * 3);
  const first = pick(Array.from(counts));
  cent.set(colors.subarray(first * 3, first * 3 + 3));
  const best = new Array(m).fill(Number.POSITIVE_INFINITY);
  for (let c = 1; c < k; c++) {
    for (let i = 0; i < m; i++) best[i] = Math.min(best[i], d2(i, cent, c - 1));
    const p = pick(best.map((b, i) => b * counts[i]));
    cent.set(colors.subarray(p * 3, p * 3 + 3), c * 3);
  }
  let labels = new Array(m).fill(-1);
  for (let it = 0; it < 300; it++) {
    const next = labels.map((_, i) => {
      let b = 0;
      for (let c = 1; c < k; c++) if (d2(i, cent, c) < d2(i, cent, b)) b = c;
      return b;
    });
    if (next.every((l, i) => l === labels[i])) break;
    labels = next;
    for (let c = 0; c < k; c++) {
      let w = 0;
      const s = [0, 0, 0];
      for (let i = 0; i < m; i++) {
        if (labels[i] !== c) continue;
        w += counts[i];
        for (let ch = 0; ch < 3; ch++) s[ch] += colors[i * 3 + ch] * counts[i];
      }
      if (w > 0) for (let ch = 0; ch < 3; ch++) cent[c * 3 + ch] = s[ch] / w;
    }
  }
  return cent;
}

describe("kmeans", () => {
  it("equals plain k-means++ and Lloyd iterations exactly (the grid skips no needed work)", () => {
    for (let seed = 0; seed < 12; seed++) {
      const rng = createRng(100 + seed);
      const n = 200 + rng.int(800);
      const levels = 3 + rng.int(30);
      const rgb = Uint8Array.from({ length: n * 3 }, () =>
        Math.floor((rng.int(levels) * 255) / (levels - 1)),
      );
      const k = 2 + rng.int(7);
      const fast = kmeans(rgb, { k, rng: createRng(seed), restarts: 1 });
      expect(Array.from(fast.centroids)).toEqual(Array.from(plainKmeans(rgb, k, seed)));
    }
  });
  it("equals plain Lloyd iterations on photograph-like colours, where whole cells go to one centre", () => {
    // Smooth gradients with noise: tens of thousands of distinct colours, most cells of the grid
    // far from every boundary between centres, some on one; k from 2 to 16.
    for (const [seed, k] of [
      [1, 2],
      [2, 5],
      [3, 9],
      [4, 16],
    ]) {
      const rng = createRng(seed);
      const n = 30_000;
      const rgb = new Uint8Array(n * 3);
      for (let i = 0; i < n; i++) {
        const t = i / n;
        rgb[i * 3] = Math.min(255, Math.floor(255 * t) + rng.int(24));
        rgb[i * 3 + 1] = Math.min(255, Math.floor(128 + 120 * Math.sin(9 * t)) + rng.int(16));
        rgb[i * 3 + 2] = rng.int(256) >> (i % 3);
      }
      const fast = kmeans(rgb, { k, rng: createRng(seed), restarts: 1 });
      expect(Array.from(fast.centroids)).toEqual(Array.from(plainKmeans(rgb, k, seed)));
    }
  });
  it("runs each start's final assignment through the given kernel, with the same result", () => {
    const rgb = Uint8Array.from({ length: 3 * 4000 }, (_, i) => (i * 2654435761) >>> 24);
    let calls = 0;
    const counted = (...args: Parameters<typeof assignToCentroids>) => {
      calls++;
      return assignToCentroids(...args);
    };
    const plain = kmeans(rgb, { k: 5, rng: createRng(4) });
    const routed = kmeans(rgb, { k: 5, rng: createRng(4), assign: counted });
    // One per start (8), and one more when the best start runs on to convergence.
    expect(calls).toBeGreaterThanOrEqual(8);
    expect(routed).toEqual(plain);
    const kernels = referenceKernels();
    kmeans(rgb, { k: 5, rng: createRng(4), assign: kernels.assign });
    expect(kernels.used()).toEqual({ assign: ["js"] });
  });

  it("keeps the restart with the lowest inertia", () => {
    const rng = createRng(11);
    const rgb = Uint8Array.from({ length: 9000 }, () => rng.int(256));
    const one = [0, 1, 2, 3].map((s) => kmeans(rgb, { k: 6, rng: createRng(s), restarts: 1 }).inertia);
    const many = kmeans(rgb, { k: 6, rng: createRng(0), restarts: 4 });
    expect(many.inertia).toBeLessThanOrEqual(one[0]);
    expect(() => kmeans(rgb, { k: 2, rng: createRng(0), restarts: 0 })).toThrow(RangeError);
  });
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
