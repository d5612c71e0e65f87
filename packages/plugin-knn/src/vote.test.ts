import { describe, expect, it } from "vitest";
import { voteLabels } from "./vote.js";

describe("voteLabels", () => {
  it("takes a clear majority", () => {
    const labels = new Uint8Array([0, 1, 1, 1, 2, 1]);
    expect(Array.from(voteLabels(new Int32Array([0, 1, 2, 3, 4, 5]), 6, labels, 3))).toEqual([1]);
  });
  it("breaks a 3-3 tie by the nearest neighbour", () => {
    const labels = new Uint8Array([2, 0, 0, 2, 0, 2]);
    expect(Array.from(voteLabels(new Int32Array([1, 0, 2, 3, 4, 5]), 6, labels, 3))).toEqual([0]);
    expect(Array.from(voteLabels(new Int32Array([0, 1, 2, 3, 4, 5]), 6, labels, 3))).toEqual([2]);
  });
  it("breaks a 2-2-2 tie by the nearest neighbour", () => {
    const labels = new Uint8Array([0, 0, 1, 1, 2, 2]);
    expect(Array.from(voteLabels(new Int32Array([4, 0, 2, 1, 3, 5]), 6, labels, 3))).toEqual([2]);
  });
  it("ignores the nearest neighbour when its colour is not among the tied ones", () => {
    // counts: label 3 once (nearest), labels 0 and 1 twice each, label 2 once.
    const labels = new Uint8Array([3, 1, 0, 0, 1, 2]);
    expect(Array.from(voteLabels(new Int32Array([0, 1, 2, 3, 4, 5]), 6, labels, 4))).toEqual([1]);
  });
});
