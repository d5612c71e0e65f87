import { describe, expect, it } from "vitest";
import { argmaxRows, softmaxCrossEntropy, softmaxRows } from "./softmax.js";

// 1000 + log 3 carries an absolute rounding of about 1e-13, which the huge-logit row inherits.
const rtol = 1e-12;

describe("softmaxRows", () => {
  it("matches exp(z) / sum exp(z), even for huge logits", () => {
    const z = new Float64Array([0, Math.log(3), 1000, 1000 + Math.log(3)]);
    const p = new Float64Array(4);
    softmaxRows(z, 2, 2, p);
    for (const [got, want] of [
      [p[0], 0.25],
      [p[1], 0.75],
      [p[2], 0.25],
      [p[3], 0.75],
    ]) {
      expect(Math.abs(got - want)).toBeLessThan(rtol);
    }
  });
  it("divides logits by the temperature", () => {
    const p = new Float64Array(2);
    softmaxRows(new Float64Array([0, 2 * Math.log(3)]), 1, 2, p, 2);
    expect(Math.abs(p[1] - 0.75)).toBeLessThan(rtol);
  });
});

describe("argmaxRows", () => {
  it("picks the largest, ties to the lower index", () => {
    const out = new Uint8Array(2);
    argmaxRows(new Float64Array([1, 3, 3, 5, 0, 2]), 2, 3, out);
    expect(Array.from(out)).toEqual([1, 0]);
  });
});

describe("softmaxCrossEntropy", () => {
  const head = softmaxCrossEntropy(2);
  // Row 0: p = (0.25, 0.75), label 1; row 1: p = (0.5, 0.5), label 0.
  const z = new Float64Array([0, Math.log(3), 0, 0]);
  it("is the mean negative log-probability of the labels, with gradient (p - onehot) / n", () => {
    const dz = new Float64Array(4);
    const loss = head.loss(z, { x: new Float64Array(0), n: 2, labels: new Uint8Array([1, 0]) }, dz);
    expect(Math.abs(loss - (-Math.log(0.75) - Math.log(0.5)) / 2)).toBeLessThan(rtol);
    const want = [0.125, -0.125, -0.25, 0.25];
    for (let i = 0; i < 4; i++) expect(Math.abs(dz[i] - want[i])).toBeLessThan(rtol);
  });
  it("weights rows and takes soft targets", () => {
    const dz = new Float64Array(4);
    const targets = new Float64Array([0.5, 0.5, 1, 0]);
    const weights = new Float64Array([2, 1]);
    const loss = head.loss(z, { x: new Float64Array(0), n: 2, targets, weights }, dz);
    const want = (2 * -(0.5 * Math.log(0.25) + 0.5 * Math.log(0.75)) - Math.log(0.5)) / 2;
    expect(Math.abs(loss - want)).toBeLessThan(rtol);
    expect(Math.abs(dz[0] - (2 * (0.25 - 0.5)) / 2)).toBeLessThan(rtol);
    expect(Math.abs(dz[3] - (0.5 - 0) / 2)).toBeLessThan(rtol);
  });
});
