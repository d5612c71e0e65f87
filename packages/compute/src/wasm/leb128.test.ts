import { describe, expect, it } from "vitest";
import { readSleb, readUleb, sleb, uleb } from "./leb128.js";

// Worked by hand: split the value into 7-bit groups, least significant first, and set the high
// bit on all but the last (624485 = 0b100110_0001110_1100101 -> e5 8e 26).
const UNSIGNED: [number, number[]][] = [
  [0, [0x00]],
  [1, [0x01]],
  [127, [0x7f]],
  [128, [0x80, 0x01]],
  [300, [0xac, 0x02]],
  [16384, [0x80, 0x80, 0x01]],
  [65536, [0x80, 0x80, 0x04]],
  [624485, [0xe5, 0x8e, 0x26]],
  [2 ** 32 - 1, [0xff, 0xff, 0xff, 0xff, 0x0f]],
];

// Signed: the last group's bit 6 is the sign (-123456 -> c0 bb 78; 64 needs a second byte).
const SIGNED: [number, number[]][] = [
  [0, [0x00]],
  [2, [0x02]],
  [63, [0x3f]],
  [64, [0xc0, 0x00]],
  [-1, [0x7f]],
  [-64, [0x40]],
  [-65, [0xbf, 0x7f]],
  [128, [0x80, 0x01]],
  [-128, [0x80, 0x7f]],
  [-123456, [0xc0, 0xbb, 0x78]],
  [2 ** 31 - 1, [0xff, 0xff, 0xff, 0xff, 0x07]],
  [-(2 ** 31), [0x80, 0x80, 0x80, 0x80, 0x78]],
];

describe("LEB128", () => {
  it("encodes unsigned integers as worked by hand, and reads them back", () => {
    for (const [n, bytes] of UNSIGNED) {
      expect(uleb(n), String(n)).toEqual(bytes);
      expect(readUleb(Uint8Array.from([0x99, ...bytes, 0x42]), 1)).toEqual({
        value: n,
        next: bytes.length + 1,
      });
    }
  });

  it("encodes signed integers as worked by hand, and reads them back", () => {
    for (const [n, bytes] of SIGNED) {
      expect(sleb(n), String(n)).toEqual(bytes);
      expect(readSleb(Uint8Array.from([...bytes, 0x42]), 0)).toEqual({ value: n, next: bytes.length });
    }
  });

  it("refuses values outside the 32-bit ranges and truncated input", () => {
    expect(() => uleb(-1)).toThrow(/not a u32/);
    expect(() => uleb(2 ** 32)).toThrow(/not a u32/);
    expect(() => uleb(1.5)).toThrow(/not a u32/);
    expect(() => sleb(2 ** 31)).toThrow(/not an i32/);
    expect(() => sleb(-(2 ** 31) - 1)).toThrow(/not an i32/);
    expect(() => readUleb(Uint8Array.from([0x80, 0x80]), 0)).toThrow(/bad unsigned LEB128 at byte 0/);
    expect(() => readSleb(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), 0)).toThrow(/bad signed/);
  });
});
