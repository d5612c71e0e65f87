import {
  type AbortSignalLike,
  type Config,
  extractPatches,
  type StripStudy,
  type TestSet,
  type TrainSet,
} from "@colorize/core";
import { searchKnn } from "./search.js";
import { memoSearch, rememberSearch } from "./search-memo.js";
import { voteLabels } from "./vote.js";

/** Exact neighbours of every test patch among the training patches, nearest first. */
export interface Neighbours {
  /** `indices[q * k + j]`: the j-th nearest training patch of test pixel q (distance, then index). */
  readonly indices: Int32Array;
  readonly k: number;
}

/** The first `j` neighbours of each query of a search for `k >= j`, as a search for `j` returns them. */
export function firstNeighbours(n: Neighbours, j: number): Int32Array {
  if (j === n.k) return n.indices;
  if (j > n.k) throw new RangeError(`asked for ${j} neighbours of a search for ${n.k}`);
  const q = n.indices.length / n.k;
  const out = new Int32Array(q * j);
  for (let i = 0; i < q; i++) out.set(n.indices.subarray(i * n.k, i * n.k + j), i * j);
  return out;
}

/**
 * Exact search of the test band's gray patches among the training band's, as the agent does it.
 * Neighbours are ordered by distance then training index, a total order, so the first j of a
 * search for k > j neighbours are exactly a search for j.
 */
export async function bandNeighbours(
  train: TrainSet,
  test: TestSet,
  k: number,
  patchSize: number,
  signal?: AbortSignalLike,
): Promise<Neighbours> {
  // The same bands were searched before on this thread (another seed's palette): the same neighbours.
  const kept = memoSearch(train, test, patchSize, "auto", k);
  if (kept) return { indices: firstNeighbours(kept.found, k), k };
  const trainPatches = extractPatches(train.gray100, train.width, train.height, 0, train.width, patchSize);
  const testPatches = extractPatches(test.gray100, test.width, test.height, 0, test.width, patchSize);
  // One thread: the evaluator already runs its units side by side on every core.
  const found = await searchKnn(trainPatches, testPatches, patchSize * patchSize, k, { signal, threads: 1 });
  const neighbours = { indices: found.indices, k: found.k };
  rememberSearch(train, test, patchSize, "auto", neighbours, found.backend);
  return neighbours;
}

/**
 * The basic agent's strip study: one search for the most neighbours asked, then a vote per
 * neighbour count and palette on its nearest prefix, identical to fitting and running the agent
 * once per value and palette (the neighbours do not depend on the palette at all).
 */
export const knnStudy: StripStudy = {
  param: "neighbours",
  // The neighbour counts of figure 10 of the original report.
  sweep: [1, 2, 4, 6, 8, 12, 16],
  async prepare(train: TrainSet, test: TestSet, config: Config, options = {}) {
    const values = options.values?.length ? options.values : [config.neighbours as number];
    const found = await bandNeighbours(
      train,
      test,
      Math.max(...values),
      config.patchSize as number,
      options.signal,
    );
    return (j, trainLabels, paletteSize) =>
      voteLabels(firstNeighbours(found, j), j, trainLabels, paletteSize);
  },
};
