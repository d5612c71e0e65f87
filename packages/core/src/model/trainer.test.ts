import { describe, expect, it } from "vitest";
import { AbortError, type ProgressEvent } from "../agent.js";
import { createRng } from "../prng.js";
import { type Dataset, denseDataset } from "./dataset.js";
import { Mlp } from "./mlp.js";
import { softmaxCrossEntropy } from "./softmax.js";
import { drawRows, type TrainerOptions, train } from "./trainer.js";

function blobs(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    x[2 * i] = rng.normal() + (labels[i] ? 2 : -2);
    x[2 * i + 1] = rng.normal();
  }
  return denseDataset(x, n, 2, { labels, targetSize: 0 });
}

const options: TrainerOptions = {
  epochs: 6,
  batchSize: 16,
  optimizer: "adam",
  learningRate: 0.05,
  schedule: "constant",
  patience: 3,
};

function model(seed: number): Mlp {
  const m = new Mlp({ inputSize: 2, hidden: [4], activation: "tanh", head: softmaxCrossEntropy(2) });
  m.init(createRng(seed));
  return m;
}

describe("train", () => {
  it("lowers the loss, reports every epoch and is identical for the same seed", async () => {
    const data = blobs(200, 1);
    const events: ProgressEvent[] = [];
    const a = model(2);
    const ra = await train(a, data, options, { rng: createRng(3), onProgress: (e) => events.push(e) });
    const b = model(2);
    const rb = await train(b, data, options, { rng: createRng(3) });
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    expect(ra.history).toEqual(rb.history);
    expect(events.map((e) => (e.type === "epoch" ? e.epoch : -1))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ra.history[5].trainLoss).toBeLessThan(ra.history[0].trainLoss);
  });

  it("stops after `patience` epochs without improvement and restores the best epoch", async () => {
    const data = blobs(100, 4);
    const m = model(5);
    const scores = [5, 3, 4, 4, 4, 1];
    let call = 0;
    let bestParams: number[] = [];
    const r = await train(
      m,
      data,
      { ...options, epochs: 10 },
      {
        rng: createRng(6),
        validate: (mm) => {
          const s = scores[call++];
          if (s === 3) bestParams = Array.from(mm.params);
          return { metric: s };
        },
        metric: "score",
      },
    );
    expect(r.bestEpoch).toBe(2);
    expect(r.epochsRun).toBe(5);
    expect(r.stoppedEarly).toBe(true);
    expect(Array.from(m.params)).toEqual(bestParams);
  });

  it("draws samplesPerEpoch rows per epoch", async () => {
    const data = blobs(100, 7);
    let rows = 0;
    const m = model(8);
    const inner = m.lossAndGradient.bind(m);
    m.lossAndGradient = (batch) => {
      rows += batch.n;
      return inner(batch);
    };
    await train(m, data, { ...options, epochs: 2, samplesPerEpoch: 40 }, { rng: createRng(9) });
    expect(rows).toBe(80);
  });

  it("validates and keeps the bias-corrected running average of the iterates when averaging", async () => {
    const data = blobs(32, 11);
    const m = model(12);
    const seen: number[][] = [];
    const inner = m.lossAndGradient.bind(m);
    m.lossAndGradient = (batch) => {
      seen.push(Array.from(m.params));
      return inner(batch);
    };
    const validated: number[][] = [];
    await train(
      m,
      data,
      { ...options, epochs: 2, batchSize: 16, averaging: 0.5 },
      {
        rng: createRng(13),
        validate: (mm) => {
          validated.push(Array.from(mm.params));
          return { metric: -validated.length };
        },
      },
    );
    // Calls 2 and 3 see the iterates after steps 1 and 2; with d = 0.5 the corrected average of
    // two iterates is (p1 + 2 p2) / 3.
    const [p1, p2] = [seen[1], seen[2]];
    validated[0].forEach((v, i) => {
      expect(Math.abs(v - (p1[i] + 2 * p2[i]) / 3)).toBeLessThan(1e-12);
    });
    expect(Array.from(m.params)).toEqual(validated[1]);
  });

  it("rejects with AbortError when aborted before or during training", async () => {
    const data = blobs(50, 10);
    await expect(
      train(model(1), data, options, { rng: createRng(1), signal: { aborted: true } }),
    ).rejects.toBeInstanceOf(AbortError);
    const signal = { aborted: false };
    let epochs = 0;
    const run = train(model(1), data, options, {
      rng: createRng(1),
      signal,
      onProgress: () => {
        epochs++;
        signal.aborted = true;
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(epochs).toBe(1);
  });

  it("says so when the loss diverges", async () => {
    const m = model(1);
    m.params.fill(Number.NaN);
    await expect(train(m, blobs(20, 1), options, { rng: createRng(1) })).rejects.toThrow(/diverged/);
  });
});

describe("drawRows", () => {
  it("draws distinct rows of 0 .. n-1, the same for the same seed, a permutation when it draws all", () => {
    const order = new Int32Array(1000);
    drawRows(5_000_000, 1000, createRng(1), order);
    expect(new Set(order).size).toBe(1000);
    for (const r of order) expect(r >= 0 && r < 5_000_000).toBe(true);
    const again = new Int32Array(1000);
    drawRows(5_000_000, 1000, createRng(1), again);
    expect(again).toEqual(order);
    const all = new Int32Array(50);
    drawRows(50, 50, createRng(2), all);
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("draws every row about equally often", () => {
    const counts = new Int32Array(10);
    const order = new Int32Array(3);
    const rng = createRng(3);
    for (let t = 0; t < 20000; t++) {
      drawRows(10, 3, rng, order);
      for (const r of order) counts[r]++;
    }
    // 6000 expected per row; a binomial's deviation is about 65.
    for (const c of counts) expect(Math.abs(c - 6000)).toBeLessThan(400);
  });
});
