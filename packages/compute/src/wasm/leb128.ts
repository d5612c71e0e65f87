/**
 * LEB128, the variable-length integers of the WebAssembly binary format: seven bits per byte,
 * least significant group first, the high bit set on every byte but the last. Unsigned values
 * (indices, sizes) use {@link uleb}; signed ones (`i32.const`) use {@link sleb}, whose last byte
 * carries the sign in bit 6. Both cover the 32-bit range the format uses here.
 */

/** The unsigned LEB128 bytes of an integer in [0, 2^32). */
export function uleb(n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`uleb: ${n} is not a u32`);
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** The signed LEB128 bytes of an integer in [-2^31, 2^31). */
export function sleb(n: number): number[] {
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff)
    throw new RangeError(`sleb: ${n} is not an i32`);
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** A value read from bytes, and the offset just after it. */
export interface Read<T> {
  readonly value: T;
  readonly next: number;
}

/** Reads an unsigned LEB128 integer (at most 5 bytes) at `offset`. */
export function readUleb(bytes: Uint8Array, offset: number): Read<number> {
  let value = 0;
  let scale = 1;
  for (let i = offset; i < offset + 5; i++) {
    if (i >= bytes.length) break;
    const b = bytes[i];
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return { value, next: i + 1 };
  }
  throw new RangeError(`bad unsigned LEB128 at byte ${offset}`);
}

/** Reads a signed LEB128 integer (at most 5 bytes, i32 range) at `offset`. */
export function readSleb(bytes: Uint8Array, offset: number): Read<number> {
  let value = 0;
  let shift = 0;
  for (let i = offset; i < offset + 5; i++) {
    if (i >= bytes.length) break;
    const b = bytes[i];
    value |= (b & 0x7f) << shift;
    shift += 7;
    if ((b & 0x80) === 0) {
      if (shift < 32 && (b & 0x40) !== 0) value |= -1 << shift;
      return { value, next: i + 1 };
    }
  }
  throw new RangeError(`bad signed LEB128 at byte ${offset}`);
}
