/**
 * The basic agent's vote. For each query, its k neighbours (ordered nearest first) vote with the
 * palette label of their middle pixel; the label with most votes wins; when several labels share
 * the most votes, the one held by the nearest of those neighbours wins.
 */
export function voteLabels(
  indices: Int32Array,
  k: number,
  trainLabels: Uint8Array,
  paletteSize: number,
): Uint8Array {
  const n = k === 0 ? 0 : indices.length / k;
  const out = new Uint8Array(n);
  const counts = new Int32Array(paletteSize);
  for (let q = 0; q < n; q++) {
    counts.fill(0);
    let most = 0;
    for (let j = 0; j < k; j++) {
      const c = ++counts[trainLabels[indices[q * k + j]]];
      if (c > most) most = c;
    }
    // Walk the neighbours nearest first: the first one whose label has the top count wins.
    for (let j = 0; j < k; j++) {
      const l = trainLabels[indices[q * k + j]];
      if (counts[l] === most) {
        out[q] = l;
        break;
      }
    }
  }
  return out;
}
