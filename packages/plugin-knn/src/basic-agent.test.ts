import {
  createAgent,
  createRng,
  type Palette,
  prepareTask,
  type RgbImage,
  type TestSet,
  type TrainSet,
} from "@colorize/core";
import { describe, expect, it } from "vitest";
import { knnPlugin } from "./plugin.js";

const ctx = { seed: 0, rng: createRng(0) };
const PALETTE: Palette = { size: 4, colors: Uint8Array.from([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]) };

/** A band whose gray x 100 is given per pixel; colours and gray floats follow from it. */
function band(width: number, height: number, g100: (x: number, y: number) => number) {
  const gray100 = new Int32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) gray100[y * width + x] = g100(x, y);
  return { width, height, gray100, gray: Float64Array.from(gray100, (v) => v / 100) };
}

function trainSet(b: ReturnType<typeof band>, labels: number[]): TrainSet {
  return {
    ...b,
    rgb: new Uint8Array(b.width * b.height * 3),
    labels: Uint8Array.from(labels),
    palette: PALETTE,
    validationColumns: 0,
  };
}

async function predictLabels(
  train: TrainSet,
  test: TestSet,
  config: Record<string, unknown> = {},
): Promise<number[]> {
  const agent = createAgent(knnPlugin, config);
  await agent.fit(train, ctx);
  const p = await agent.predict(test, ctx);
  return Array.from(p.labels!);
}

describe("basic agent on hand-worked images", () => {
  // A flat training band: every patch is equally similar, so the 6 neighbours are
  // training pixels 0..5 (equal distances ordered by index) and the vote is on their labels.
  const flat = band(6, 3, () => 5000);
  const flatTest = band(3, 3, () => 1234);
  const rest = new Array(12).fill(3);

  it("takes a clear majority", async () => {
    const labels = await predictLabels(trainSet(flat, [0, 1, 1, 1, 2, 1, ...rest]), flatTest);
    expect(labels).toEqual(new Array(9).fill(1));
  });
  it("breaks a 3-3 tie with the colour of the most similar patch", async () => {
    expect(await predictLabels(trainSet(flat, [2, 0, 0, 2, 0, 2, ...rest]), flatTest)).toEqual(
      new Array(9).fill(2),
    );
    expect(await predictLabels(trainSet(flat, [0, 2, 2, 0, 2, 0, ...rest]), flatTest)).toEqual(
      new Array(9).fill(0),
    );
  });
  it("breaks a 2-2-2 tie with the colour of the most similar patch", async () => {
    expect(await predictLabels(trainSet(flat, [1, 0, 2, 0, 1, 2, ...rest]), flatTest)).toEqual(
      new Array(9).fill(1),
    );
  });

  // Columns of constant gray 0, 100, ..., 500: the patch of column x holds columns x-1, x, x+1
  // (clamped). A test patch of zeros is nearest to column 0 (distance 3*100^2 = 30000, pixels 0, 6,
  // 12), then column 1 (3*(100^2 + 200^2) = 150000, pixels 1, 7, 13).
  const ramp = band(6, 3, (x) => 100 * x);
  const zeros = band(3, 3, () => 0);
  it("ties broken by the nearest neighbour when distances differ", async () => {
    const labels = [0, 1, 3, 3, 3, 3, 0, 1, 3, 3, 3, 3, 0, 1, 3, 3, 3, 3];
    expect(await predictLabels(trainSet(ramp, labels), zeros)).toEqual(new Array(9).fill(0));
    const swapped = labels.map((l) => (l === 0 ? 1 : l === 1 ? 0 : l));
    expect(await predictLabels(trainSet(ramp, swapped), zeros)).toEqual(new Array(9).fill(1));
  });
  it("a majority beats the nearest neighbour", async () => {
    const labels = [0, 1, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3];
    expect(await predictLabels(trainSet(ramp, labels), zeros)).toEqual(new Array(9).fill(1));
  });
  it("replicates the test band's edge: its border pixels see only their own band", async () => {
    // Test band columns of gray 0, 100, 200. Squared distances to the training columns' patches:
    // left edge (0,0,100): column 0 at 0, column 1 at 60000 -> 3-3 tie, nearest is column 0;
    // middle (0,100,200): column 1 at 0, column 0 at 60000 -> 3-3 tie, nearest is column 1;
    // right edge (100,200,200): column 2 at 30000, column 1 at 60000 -> 3-3 tie, nearest is column 2.
    const test = band(3, 3, (x) => 100 * x);
    const labels = [0, 1, 2, 3, 3, 3, 0, 1, 2, 3, 3, 3, 0, 1, 2, 3, 3, 3];
    const out = await predictLabels(trainSet(ramp, labels), test);
    expect(out).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });
  it("honours the neighbours parameter", async () => {
    const labels = [0, 1, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3];
    expect(await predictLabels(trainSet(ramp, labels), zeros, { neighbours: 1 })).toEqual(
      new Array(9).fill(0),
    );
  });
});

/** The basic agent written the slow, obvious way, straight from the assignment's words. */
function slowBasicAgent(image: RgbImage, palette: Palette, trainLabels: Uint8Array): number[] {
  const W = image.width;
  const H = image.height;
  const c = Math.floor(W / 2);
  const g = (x: number, y: number) => {
    const o = (y * W + x) * 3;
    return 21 * image.data[o] + 72 * image.data[o + 1] + 7 * image.data[o + 2];
  };
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  const patch = (x: number, y: number, lo: number, hi: number) => {
    const p: number[] = [];
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) p.push(g(clamp(x + dx, lo, hi), clamp(y + dy, 0, H - 1)));
    return p;
  };
  const train: { idx: number; p: number[] }[] = [];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < c; x++) train.push({ idx: y * c + x, p: patch(x, y, 0, c - 1) });
  const out: number[] = [];
  for (let y = 0; y < H; y++) {
    for (let x = c; x < W; x++) {
      const q = patch(x, y, c, W - 1);
      const ranked = train
        .map((t) => ({ idx: t.idx, d: t.p.reduce((s, v, i) => s + (v - q[i]) ** 2, 0) }))
        .sort((a, b) => a.d - b.d || a.idx - b.idx)
        .slice(0, 6);
      const votes = new Map<number, number>();
      for (const r of ranked) votes.set(trainLabels[r.idx], (votes.get(trainLabels[r.idx]) ?? 0) + 1);
      const top = Math.max(...votes.values());
      out.push(trainLabels[ranked.find((r) => votes.get(trainLabels[r.idx]) === top)!.idx]);
    }
  }
  expect(palette.size).toBeGreaterThan(0);
  return out;
}

describe("basic agent equals the slow obvious implementation", () => {
  it("on random photos-like images over many seeds, odd and even widths", async () => {
    for (let seed = 0; seed < 12; seed++) {
      const rng = createRng(seed);
      const W = 7 + rng.int(12);
      const H = 3 + rng.int(9);
      const levels = 2 + rng.int(6); // few levels make many exact ties
      const data = Uint8Array.from({ length: W * H * 3 }, () =>
        Math.floor((rng.int(levels) * 255) / (levels - 1)),
      );
      const image = { width: W, height: H, data };
      const task = prepareTask(image, { k: 1 + rng.int(5), seed });
      const agent = createAgent(knnPlugin);
      await agent.fit(task.train, ctx);
      const p = await agent.predict(task.test, ctx);
      expect(Array.from(p.labels!)).toEqual(slowBasicAgent(image, task.palette, task.train.labels));
      // The RGB output paints the labels with the palette.
      for (let i = 0; i < p.labels!.length; i++) {
        expect(Array.from(p.rgb.subarray(i * 3, i * 3 + 3))).toEqual(
          Array.from(task.palette.colors.subarray(p.labels![i] * 3, p.labels![i] * 3 + 3)),
        );
      }
    }
  });
});

describe("snapshots", () => {
  it("round-trips through JSON and predicts identically", async () => {
    const rng = createRng(5);
    const image = { width: 16, height: 9, data: Uint8Array.from({ length: 16 * 9 * 3 }, () => rng.int(256)) };
    const task = prepareTask(image, { k: 4, seed: 1 });
    const agent = createAgent(knnPlugin);
    await agent.fit(task.train, ctx);
    const before = await agent.predict(task.test, ctx);
    const restored = knnPlugin.restore(JSON.parse(JSON.stringify(agent.toJSON())));
    const after = await restored.predict(task.test, ctx);
    expect(Array.from(after.labels!)).toEqual(Array.from(before.labels!));
  });
});
