/**
 * Numbers the distinct 24-bit colours of RGB buffers 0, 1, 2, ... in order of first appearance.
 * An open-addressing hash over typed arrays: several times faster than a Map for the million
 * lookups of a large band, and it grows with the number of distinct colours, not the pixels.
 */

const EMPTY = -1;
// Fibonacci hashing: the multiplier spreads neighbouring colours over the table.
const GOLDEN = 0x9e3779b1;

/** A growing colour -> index table; `colors[i]` is the 24-bit colour given index i. */
export class ColorIndex {
  private keys: Int32Array;
  private values: Int32Array;
  private bits: number;
  private count = 0;
  private order: Int32Array;

  /** @param capacityHint expected distinct colours (the table grows past it as needed); default 1024 */
  constructor(capacityHint = 1024) {
    this.bits = 4;
    while (1 << this.bits < 2 * capacityHint) this.bits++;
    this.keys = new Int32Array(1 << this.bits).fill(EMPTY);
    this.values = new Int32Array(1 << this.bits);
    this.order = new Int32Array(Math.max(16, capacityHint));
  }

  /** Number of distinct colours seen. */
  get size(): number {
    return this.count;
  }

  /** The index of colour `(r << 16) | (g << 8) | b`, assigning the next free one on first sight. */
  indexOf(key: number): number {
    const mask = (1 << this.bits) - 1;
    let h = Math.imul(key, GOLDEN) >>> (32 - this.bits);
    const keys = this.keys;
    for (;;) {
      const k = keys[h];
      if (k === key) return this.values[h];
      if (k === EMPTY) break;
      h = (h + 1) & mask;
    }
    const index = this.count++;
    keys[h] = key;
    this.values[h] = index;
    if (index >= this.order.length) {
      const grown = new Int32Array(2 * this.order.length);
      grown.set(this.order);
      this.order = grown;
    }
    this.order[index] = key;
    // Keep the load factor at most 1/2 so probe runs stay short.
    if (2 * this.count > mask + 1) this.grow();
    return index;
  }

  /** Colours by index: `Int32Array(size)` of 24-bit values (a view; valid until the next insertion). */
  colors(): Int32Array {
    return this.order.subarray(0, this.count);
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.bits++;
    const mask = (1 << this.bits) - 1;
    const keys = new Int32Array(1 << this.bits).fill(EMPTY);
    const values = new Int32Array(1 << this.bits);
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i];
      if (key === EMPTY) continue;
      let h = Math.imul(key, GOLDEN) >>> (32 - this.bits);
      while (keys[h] !== EMPTY) h = (h + 1) & mask;
      keys[h] = key;
      values[h] = oldValues[i];
    }
    this.keys = keys;
    this.values = values;
  }
}

/** The distinct colours of a true and a predicted band and, per pixel, the index of each side's colour. */
export interface BandColors {
  /** Distinct 24-bit colours, `(r << 16) | (g << 8) | b`, in order of first appearance. */
  readonly colors: Int32Array;
  /** Per pixel, the index into `colors` of its true colour. */
  readonly ti: Int32Array;
  /** Per pixel, the index into `colors` of its predicted colour. */
  readonly pi: Int32Array;
}

/**
 * Indexes the colours of two interleaved RGB buffers of equal length in one table, so per-colour
 * work (Lab conversion, palette labels) runs once per distinct colour instead of once per pixel.
 */
export function indexBandColors(truth: Uint8Array, pred: Uint8Array): BandColors {
  const n = truth.length / 3;
  const ti = new Int32Array(n);
  const pi = new Int32Array(n);
  const index = new ColorIndex();
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    ti[i] = index.indexOf((truth[p] << 16) | (truth[p + 1] << 8) | truth[p + 2]);
    pi[i] = index.indexOf((pred[p] << 16) | (pred[p + 1] << 8) | pred[p + 2]);
  }
  return { colors: index.colors(), ti, pi };
}
