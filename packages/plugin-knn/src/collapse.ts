/**
 * Identical rows collapsed into groups. Group g holds rows `members[start[g] .. start[g + 1])`,
 * in ascending row order, and its values are row `g` of `unique`. Groups are numbered in order of
 * their first row, so group g's first member is smaller than group g + 1's.
 */
export interface CollapsedRows {
  /** Number of distinct rows. */
  readonly count: number;
  /** Distinct rows, `count * dim` values. */
  readonly unique: Int32Array;
  /** Group of every input row. */
  readonly groupOf: Int32Array;
  /** CSR offsets into `members`, length `count + 1`. */
  readonly start: Int32Array;
  /** Input rows grouped, ascending inside each group. */
  readonly members: Int32Array;
}

/**
 * Groups identical rows of `dim` consecutive integers with an open-addressing hash table, in
 * one pass in row order (so members come out ascending without a sort). O(rows * dim).
 */
export function collapseRows(data: Int32Array, dim: number): CollapsedRows {
  const n = dim === 0 ? 0 : data.length / dim;
  let cap = 1;
  while (cap < n * 2) cap <<= 1;
  const mask = cap - 1;
  // Slot s holds [group, full hash] side by side: a probe compares hashes before touching rows.
  const table = new Int32Array(cap * 2).fill(-1);
  // firstRow[g]: a row holding group g's values, to compare against.
  const firstRow = new Int32Array(n);
  const groupOf = new Int32Array(n);
  const sizes = new Int32Array(n + 1);
  let count = 0;
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    let h = 0x811c9dc5 | 0;
    for (let j = 0; j < dim; j++) h = Math.imul(h ^ data[o + j], 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    let g = -1;
    for (;;) {
      const c = table[slot * 2];
      if (c < 0) break;
      if (table[slot * 2 + 1] !== h) {
        slot = (slot + 1) & mask;
        continue;
      }
      const co = firstRow[c] * dim;
      let same = true;
      for (let j = 0; j < dim; j++) {
        if (data[co + j] !== data[o + j]) {
          same = false;
          break;
        }
      }
      if (same) {
        g = c;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (g < 0) {
      g = count++;
      table[slot * 2] = g;
      table[slot * 2 + 1] = h;
      firstRow[g] = r;
    }
    groupOf[r] = g;
    sizes[g + 1]++;
  }
  const start = new Int32Array(count + 1);
  for (let g = 0; g < count; g++) start[g + 1] = start[g] + sizes[g + 1];
  const fill = start.slice(0, count);
  const members = new Int32Array(n);
  for (let r = 0; r < n; r++) members[fill[groupOf[r]]++] = r;
  const unique = new Int32Array(count * dim);
  for (let g = 0; g < count; g++)
    unique.set(data.subarray(firstRow[g] * dim, firstRow[g] * dim + dim), g * dim);
  return { count, unique, groupOf, start, members };
}
