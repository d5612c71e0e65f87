import { type AbortSignalLike, extractPatches, type TestSet, type TrainSet } from "@colorize/core";
import { searchKnn } from "@colorize/plugin-knn";

/** The basic agent's neighbours of every strip patch among the training band's patches. */
export interface StripNeighbours {
  /** `indices[q * k + j]`: the j-th nearest training patch of strip pixel q (distance, then index). */
  readonly indices: Int32Array;
  readonly k: number;
}

/**
 * Exact k-nearest-neighbour search of the validation strip's gray patches among the training
 * band's, as the basic agent does it. Neighbours are ordered by distance then training index, a
 * total order, so the first j of a search for k > j neighbours are exactly a search for j: one
 * search serves every neighbour count up to k and every palette (the vote alone depends on those).
 */
export async function stripNeighbours(
  train: TrainSet,
  test: TestSet,
  k: number,
  patchSize = 3,
  signal?: AbortSignalLike,
): Promise<StripNeighbours> {
  const trainPatches = extractPatches(train.gray100, train.width, train.height, 0, train.width, patchSize);
  const testPatches = extractPatches(test.gray100, test.width, test.height, 0, test.width, patchSize);
  // One thread: units already run side by side on every core.
  const found = await searchKnn(trainPatches, testPatches, patchSize * patchSize, k, { signal, threads: 1 });
  return { indices: found.indices, k: found.k };
}

/** The first `j` neighbours of each query of a search for `k >= j`, as a search for `j` returns them. */
export function firstNeighbours(n: StripNeighbours, j: number): Int32Array {
  if (j === n.k) return n.indices;
  if (j > n.k) throw new RangeError(`asked for ${j} neighbours of a search for ${n.k}`);
  const q = n.indices.length / n.k;
  const out = new Int32Array(q * j);
  for (let i = 0; i < q; i++) out.set(n.indices.subarray(i * n.k, i * n.k + j), i * j);
  return out;
}
