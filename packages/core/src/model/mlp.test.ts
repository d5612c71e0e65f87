import { describe, expect, it } from "vitest";
import { createRng } from "../prng.js";
import { checkGradients, layerBlocks } from "../testing/gradients.js";
import { ACTIVATIONS } from "./activations.js";
import { gradientCheck } from "./gradient-check.js";
import { Mlp } from "./mlp.js";
import { adam } from "./optimizers.js";
import { argmaxRows, softmaxCrossEntropy } from "./softmax.js";

/** The bound on the central-difference relative error of every parameter block. */
const gradTol = 1e-6;

function randomBatch(n: number, dim: number, k: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n * dim);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) labels[i] = rng.int(k);
  const targets = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += targets[i * k + j] = rng.next();
    for (let j = 0; j < k; j++) targets[i * k + j] /= s;
  }
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = 0.5 + rng.next();
  return { x, n, labels, targets, weights };
}

describe("Mlp", () => {
  it("lays out weight and bias blocks per layer", () => {
    const m = new Mlp({ inputSize: 4, hidden: [3], activation: "relu", head: softmaxCrossEntropy(2) });
    expect(m.paramBlocks.map((b) => [b.name, b.offset, b.size, b.decay])).toEqual([
      ["layer1.weight", 0, 12, true],
      ["layer1.bias", 12, 3, false],
      ["layer2.weight", 15, 6, true],
      ["layer2.bias", 21, 2, false],
    ]);
    expect(m.params.length).toBe(23);
  });

  it("computes a hand-worked forward pass", () => {
    const m = new Mlp({ inputSize: 2, hidden: [2], activation: "relu", head: softmaxCrossEntropy(1) });
    // Rows are units: W1 = [[1, 2], [-1, 1]], b1 = [0, -5], W2 = [[3, 10]], b2 = [1].
    m.params.set([1, 2, -1, 1, 0, -5, 3, 10, 1]);
    const out = new Float64Array(1);
    m.forward(new Float64Array([1, 2]), 1, out);
    // hidden = relu([5, 1 - 5]) = [5, 0]; output = 15 + 0 + 1.
    expect(out[0]).toBe(16);
  });

  for (const activation of ACTIVATIONS) {
    it(`passes the gradient check with ${activation}, soft targets, weights and L2`, () => {
      const m = new Mlp({ inputSize: 3, hidden: [5, 4], activation, head: softmaxCrossEntropy(3), l2: 0.1 });
      m.init(createRng(1));
      for (const b of m.paramBlocks)
        if (!b.decay) for (let i = 0; i < b.size; i++) m.params[b.offset + i] = 0.1 * (i - 1);
      const batch = randomBatch(6, 3, 3, 2);
      // Two hidden layers and the output layer: a weight and a bias block each, all checked.
      expect(checkGradients(m, batch, { blocks: layerBlocks(3), rtol: gradTol })).toHaveLength(6);
      const hard = { x: batch.x, n: batch.n, labels: batch.labels };
      expect(checkGradients(m, hard, { blocks: layerBlocks(3), rtol: gradTol })).toHaveLength(6);
    });
  }

  it("passes the gradient check as a linear model (no hidden layer)", () => {
    const m = new Mlp({
      inputSize: 4,
      hidden: [],
      activation: "relu",
      head: softmaxCrossEntropy(5),
      l2: 0.01,
    });
    m.init(createRng(3));
    const checks = checkGradients(m, randomBatch(8, 4, 5, 4), { blocks: layerBlocks(1), rtol: gradTol });
    expect(checks).toHaveLength(2);
  });

  it("learns XOR", () => {
    const x = new Float64Array([0, 0, 0, 1, 1, 0, 1, 1]);
    const labels = new Uint8Array([0, 1, 1, 0]);
    const m = new Mlp({ inputSize: 2, hidden: [8], activation: "tanh", head: softmaxCrossEntropy(2) });
    m.init(createRng(0));
    const opt = adam(m.params.length);
    let loss = Number.POSITIVE_INFINITY;
    for (let t = 0; t < 300; t++) {
      loss = m.lossAndGradient({ x, n: 4, labels });
      opt.step(m.params, m.grads, 0.05);
    }
    expect(loss).toBeLessThan(0.05);
    const z = new Float64Array(8);
    m.forward(x, 4, z);
    const pred = new Uint8Array(4);
    argmaxRows(z, 4, 2, pred);
    expect(Array.from(pred)).toEqual([0, 1, 1, 0]);
  });

  it("forwards many rows in chunks exactly as row by row", () => {
    const m = new Mlp({ inputSize: 2, hidden: [3], activation: "tanh", head: softmaxCrossEntropy(2) });
    m.init(createRng(5));
    const n = 5000;
    const rng = createRng(6);
    const x = new Float64Array(2 * n);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
    const all = new Float64Array(2 * n);
    m.forward(x, n, all);
    const one = new Float64Array(2);
    for (const i of [0, 4095, 4096, 4999]) {
      m.forward(x.subarray(2 * i, 2 * i + 2), 1, one);
      expect([all[2 * i], all[2 * i + 1]]).toEqual([one[0], one[1]]);
    }
  });
});

describe("gradientCheck", () => {
  it("reports a wrong gradient", () => {
    const m = new Mlp({ inputSize: 2, hidden: [3], activation: "tanh", head: softmaxCrossEntropy(2) });
    m.init(createRng(1));
    const inner = m.lossAndGradient.bind(m);
    m.lossAndGradient = (batch) => {
      const loss = inner(batch);
      m.grads[4] *= 1.01;
      return loss;
    };
    const checks = gradientCheck(m, randomBatch(5, 2, 2, 1));
    expect(checks[0].maxRelError).toBeGreaterThan(1e-3);
    expect(checks[0].worst).toBe(4);
    expect(checks[1].maxRelError).toBeLessThan(gradTol);
  });
});
