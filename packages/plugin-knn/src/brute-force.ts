/**
 * Neighbours of every query: `indices[q * k + j]` is the j-th nearest training row of query q and
 * `dist2[q * k + j]` its squared Euclidean distance. Neighbours are ordered by distance, and
 * equal distances by training row index (lower first), so the result is unique.
 */
export interface KnnResult {
  /** Neighbours per query (min(k, number of training rows)). */
  readonly k: number;
  readonly indices: Int32Array;
  readonly dist2: Float64Array;
}

/**
 * The slow, obvious exact k-nearest-neighbour search: every query against every training row.
 * Rows are `dim` consecutive values. It is the reference that every fast search must equal.
 */
export function bruteForceKnn(train: Int32Array, test: Int32Array, dim: number, k: number): KnnResult {
  const nTrain = train.length / dim;
  const nTest = test.length / dim;
  const kk = Math.min(k, nTrain);
  const indices = new Int32Array(nTest * kk);
  const dist2 = new Float64Array(nTest * kk);
  const bestD = new Float64Array(kk);
  const bestI = new Int32Array(kk);
  for (let q = 0; q < nTest; q++) {
    let filled = 0;
    const qo = q * dim;
    for (let t = 0; t < nTrain; t++) {
      const to = t * dim;
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const diff = test[qo + j] - train[to + j];
        d += diff * diff;
      }
      // Training rows arrive in index order, so a strict comparison keeps lower indices first.
      if (filled < kk) {
        let p = filled++;
        while (p > 0 && bestD[p - 1] > d) {
          bestD[p] = bestD[p - 1];
          bestI[p] = bestI[p - 1];
          p--;
        }
        bestD[p] = d;
        bestI[p] = t;
      } else if (d < bestD[kk - 1]) {
        let p = kk - 1;
        while (p > 0 && bestD[p - 1] > d) {
          bestD[p] = bestD[p - 1];
          bestI[p] = bestI[p - 1];
          p--;
        }
        bestD[p] = d;
        bestI[p] = t;
      }
    }
    indices.set(bestI, q * kk);
    dist2.set(bestD, q * kk);
  }
  return { k: kk, indices, dist2 };
}
