import { describe, expect, it } from "vitest";
import { boxMean } from "./box.js";
import { chooseRefine, GuidedRowFilter, guidedArgmax, guidedFilter } from "./guided.js";

/** The obvious window mean: loops over every window, clipped at the edges. */
function slowBoxMean(src: ArrayLike<number>, c: number, w: number, h: number, r: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        let k = 0;
        for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++)
          for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
            s += src[(yy * w + xx) * c + ch];
            k++;
          }
        out[(y * w + x) * c + ch] = s / k;
      }
  return out;
}

/** The guided filter written out per window, straight from the paper's equations. */
function slowGuided(
  I: number[],
  p: number[],
  c: number,
  w: number,
  h: number,
  r: number,
  eps: number,
): number[] {
  const win = (x: number, y: number) => {
    const idx: number[] = [];
    for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++)
      for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) idx.push(yy * w + xx);
    return idx;
  };
  const a: number[] = [];
  const b: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const idx = win(x, y);
      const mI = idx.reduce((s, i) => s + I[i], 0) / idx.length;
      const vI = idx.reduce((s, i) => s + (I[i] - mI) ** 2, 0) / idx.length;
      for (let ch = 0; ch < c; ch++) {
        const mp = idx.reduce((s, i) => s + p[i * c + ch], 0) / idx.length;
        const cov = idx.reduce((s, i) => s + (I[i] - mI) * (p[i * c + ch] - mp), 0) / idx.length;
        a[(y * w + x) * c + ch] = cov / (vI + eps);
        b[(y * w + x) * c + ch] = mp - a[(y * w + x) * c + ch] * mI;
      }
    }
  const q: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const idx = win(x, y);
      for (let ch = 0; ch < c; ch++) {
        const ma = idx.reduce((s, i) => s + a[i * c + ch], 0) / idx.length;
        const mb = idx.reduce((s, i) => s + b[i * c + ch], 0) / idx.length;
        q[(y * w + x) * c + ch] = ma * I[y * w + x] + mb;
      }
    }
  return q;
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("boxMean", () => {
  it("matches the obvious window mean at every radius, edges included", () => {
    const rnd = lcg(1);
    const w = 7;
    const h = 5;
    const src = Array.from({ length: w * h * 2 }, () => rnd() * 100);
    for (const r of [0, 1, 2, 6, 20]) {
      const fast = boxMean(src, 2, w, h, r);
      const slow = slowBoxMean(src, 2, w, h, r);
      for (let i = 0; i < src.length; i++) expect(fast[i]).toBeCloseTo(slow[i], 9);
    }
  });

  it("works out a hand case: 3x1 row, radius 1", () => {
    expect(Array.from(boxMean([3, 6, 9], 1, 3, 1, 1))).toEqual([4.5, 6, 7.5]);
  });

  it("refuses a negative or fractional radius and a wrong length", () => {
    expect(() => boxMean([1, 2], 1, 2, 1, -1)).toThrow(/radius/);
    expect(() => boxMean([1, 2], 1, 2, 1, 1.5)).toThrow(/radius/);
    expect(() => boxMean([1, 2, 3], 1, 2, 1, 1)).toThrow(/values/);
  });
});

describe("guidedFilter", () => {
  it("matches the per-window equations of He, Sun & Tang", () => {
    const rnd = lcg(7);
    const w = 9;
    const h = 6;
    const I = Array.from({ length: w * h }, () => rnd() * 255);
    const p = Array.from({ length: w * h * 2 }, () => rnd() * 40 - 20);
    for (const [r, eps] of [
      [1, 1],
      [2, 100],
      [4, 10],
    ]) {
      const fast = guidedFilter(I, p, 2, w, h, { radius: r, epsilon: eps });
      const slow = slowGuided(I, p, 2, w, h, r, eps);
      for (let i = 0; i < p.length; i++) expect(fast[i]).toBeCloseTo(slow[i], 7);
    }
  });

  it("keeps an input that is an affine function of the guide (small ε), and flattens to the mean with a huge ε", () => {
    const w = 8;
    const h = 8;
    const I = Array.from({ length: w * h }, (_, i) => (i % w) * 10 + Math.floor(i / w) * 3);
    const p = I.map((v) => 2 * v - 5);
    const q = guidedFilter(I, p, 1, w, h, { radius: 2, epsilon: 1e-9 });
    for (let i = 0; i < p.length; i++) expect(q[i]).toBeCloseTo(p[i], 5);
    const flat = guidedFilter(
      I,
      [...new Array(w * h)].map((_, i) => (i % 2 ? 10 : 0)),
      1,
      w,
      h,
      {
        radius: 20,
        epsilon: 1e12,
      },
    );
    for (const v of flat) expect(v).toBeCloseTo(5, 3);
  });

  it("keeps a colour edge that follows a gray edge and smooths noise inside flat gray", () => {
    // Left 4 columns dark, right 4 bright; chroma follows the edge, plus a noisy pixel inside.
    const w = 8;
    const h = 8;
    const I = Array.from({ length: w * h }, (_, i) => (i % w < 4 ? 20 : 200));
    const p = I.map((v) => (v < 100 ? -30 : 30));
    p[3 * w + 1] = 30; // noise in the dark region
    const q = guidedFilter(I, p, 1, w, h, { radius: 2, epsilon: 1 });
    expect(q[3 * w + 1]).toBeLessThan(0); // noise pulled back to its region
    expect(q[3 * w + 3]).toBeLessThan(-20); // edge kept on the dark side
    expect(q[3 * w + 4]).toBeGreaterThan(20); // and on the bright side
  });

  it("refuses ε ≤ 0 and a guide of the wrong size", () => {
    expect(() => guidedFilter([1, 2], [1, 2], 1, 2, 1, { radius: 1, epsilon: 0 })).toThrow(/ε/);
    expect(() => guidedFilter([1], [1, 2], 1, 2, 1, { radius: 1, epsilon: 1 })).toThrow(/guide/);
  });
});

describe("GuidedRowFilter", () => {
  const rnd = lcg(13);
  const w = 11;
  const h = 19;
  const I = Array.from({ length: w * h }, () => rnd() * 255);
  const p = Array.from({ length: w * h * 2 }, () => rnd() * 40 - 20);
  const cases: [number, number][] = [
    [0, 1],
    [1, 1],
    [2, 100],
    [4, 10],
    [12, 4],
  ];

  it.each(cases)("matches the per-window equations (r = %i, ε = %i)", (r, eps) => {
    const q = new GuidedRowFilter(I, p, 2, w, h, { radius: r, epsilon: eps }).next(h);
    const slow = r === 0 ? p : slowGuided(I, p, 2, w, h, r, eps);
    for (let i = 0; i < p.length; i++) expect(q[i]).toBeCloseTo(slow[i], 7);
  });

  it.each(cases)("gives the same bits in bands of any size (r = %i, ε = %i)", (r, eps) => {
    const whole = new GuidedRowFilter(I, p, 2, w, h, { radius: r, epsilon: eps }).next(h);
    for (const band of [1, 3, 7]) {
      const f = new GuidedRowFilter(I, p, 2, w, h, { radius: r, epsilon: eps });
      const parts: number[] = [];
      for (let y1 = band; f.done < h; y1 += band) parts.push(...f.next(Math.min(h, y1)));
      expect(parts.every((v, i) => Object.is(v, whole[i]))).toBe(true);
    }
  });

  it("refuses rows out of order and a wrong size", () => {
    const f = new GuidedRowFilter(I, p, 2, w, h, { radius: 2, epsilon: 1 });
    f.next(5);
    expect(() => f.next(4)).toThrow(/rows/);
    expect(() => f.next(h + 1)).toThrow(/rows/);
    expect(() => new GuidedRowFilter(I, p.slice(1), 2, w, h, { radius: 1, epsilon: 1 })).toThrow(/values/);
  });
});

describe("guidedArgmax", () => {
  it("flips an isolated vote inside a flat gray region to its neighbours' colour", () => {
    const w = 5;
    const h = 5;
    const I = new Array(w * h).fill(100);
    const probs: number[] = [];
    for (let i = 0; i < w * h; i++) probs.push(i === 12 ? 0 : 1, i === 12 ? 1 : 0);
    const label = guidedArgmax(I, probs, 2, w, h, { radius: 1, epsilon: 10 });
    expect(Array.from(label)).toEqual(new Array(w * h).fill(0));
  });
});

describe("chooseRefine", () => {
  it("keeps off unless a filter is strictly better on the strip, and picks the best one", () => {
    const w = 6;
    const h = 6;
    const I = Array.from({ length: w * h }, (_, i) => (i % w < 3 ? 0 : 100));
    const truth = I.map((v) => (v ? 10 : -10));
    const noisy = truth.map((v, i) => v + (i % 2 ? 3 : -3));
    const mse = (q: Float64Array) => q.reduce((s, v, i) => s + (v - truth[i]) ** 2, 0);
    const smoothed = chooseRefine(I, noisy, 1, w, h, mse);
    expect(smoothed.choice).not.toBeNull();
    expect(Math.min(...smoothed.losses)).toBeLessThan(smoothed.losses[0]);
    const clean = chooseRefine(I, truth, 1, w, h, mse, [null, { radius: 1, epsilon: 1e6 }]);
    expect(clean.choice).toBeNull();
  });
});
