import { describe, expect, it } from "vitest";
import { chunk, crc32 } from "./png-builder.js";

describe("png-builder", () => {
  it("crc32 matches the published check value of CRC-32/ISO-HDLC", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("IEND chunk has the well-known CRC AE426082", () => {
    expect(Array.from(chunk("IEND"))).toEqual([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  });
});
