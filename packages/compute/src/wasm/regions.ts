/**
 * Byte layouts of a linear memory: named regions placed one after another, each at a multiple of
 * its alignment, computed in one place and checked (aligned, disjoint, inside the memory), so that
 * a kernel and the TypeScript that fills its memory agree on every offset.
 */

/** A region to place: its size in bytes and its alignment (a power of two). */
export interface RegionSpec {
  readonly bytes: number;
  readonly align: number;
}

/** A placed region. */
export interface Region extends RegionSpec {
  readonly name: string;
  readonly offset: number;
}

/** Offsets of regions placed by {@link packRegions}, and where the last one ends. */
export interface Packed<K extends string> {
  readonly offsets: Readonly<Record<K, number>>;
  readonly end: number;
}

/** `n` rounded up to a multiple of `align`. */
export function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Places the regions in order from `base`, each at the next multiple of its alignment. */
export function packRegions<K extends string>(
  base: number,
  specs: Readonly<Record<K, RegionSpec>>,
): Packed<K> {
  const placed: Region[] = [];
  let next = base;
  for (const [name, spec] of Object.entries(specs) as [K, RegionSpec][]) {
    const offset = alignUp(next, spec.align);
    placed.push({ name, offset, ...spec });
    next = offset + spec.bytes;
  }
  checkRegions(placed);
  return {
    offsets: Object.fromEntries(placed.map((r) => [r.name, r.offset])) as Record<K, number>,
    end: next,
  };
}

/**
 * Throws, naming the regions, unless every region is a whole number of bytes at a multiple of
 * its (power-of-two) alignment, no two overlap, and all end by `limit`.
 */
export function checkRegions(regions: readonly Region[], limit = Number.POSITIVE_INFINITY): void {
  for (const r of regions) {
    if (!Number.isInteger(r.bytes) || r.bytes < 0)
      throw new RangeError(`region ${r.name}: bad size ${r.bytes}`);
    if (!(r.align > 0 && (r.align & (r.align - 1)) === 0))
      throw new RangeError(`region ${r.name}: alignment ${r.align} is not a power of two`);
    if (!Number.isInteger(r.offset) || r.offset < 0 || r.offset % r.align !== 0)
      throw new RangeError(`region ${r.name}: offset ${r.offset} is not a multiple of ${r.align}`);
    if (r.offset + r.bytes > limit)
      throw new RangeError(`region ${r.name}: ends at ${r.offset + r.bytes}, past ${limit}`);
  }
  const sorted = [...regions].filter((r) => r.bytes > 0).sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a.offset + a.bytes > b.offset)
      throw new RangeError(`regions ${a.name} and ${b.name} overlap at ${b.offset}`);
  }
}
