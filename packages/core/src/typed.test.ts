import { describe, expect, it } from "vitest";
import { decodeArray, encodeArray } from "./typed.js";

describe("encodeArray", () => {
  it("round-trips every dtype, including lengths that need padding", () => {
    for (const a of [
      Uint8Array.from([1, 2, 3, 4, 5]),
      Uint8Array.from([255]),
      new Uint8Array(0),
      Int32Array.from([-1, 2 ** 31 - 1, 0]),
      Float32Array.from([0.1, -3.5e20]),
      Float64Array.from([Math.PI, -0, Number.MIN_VALUE]),
    ]) {
      const back = decodeArray(JSON.parse(JSON.stringify(encodeArray(a))));
      expect(back.constructor).toBe(a.constructor);
      expect(Array.from(back)).toEqual(Array.from(a));
    }
  });
  it("matches the standard base64 of known bytes", () => {
    expect(encodeArray(Uint8Array.from([77, 97, 110])).base64).toBe("TWFu");
    expect(encodeArray(Uint8Array.from([77, 97])).base64).toBe("TWE=");
    expect(encodeArray(Uint8Array.from([77])).base64).toBe("TQ==");
  });
  it("refuses malformed input", () => {
    expect(() => decodeArray({ dtype: "uint8", length: 3, base64: "TWF" })).toThrow(RangeError);
    expect(() => decodeArray({ dtype: "int32", length: 1, base64: "TWFu" })).toThrow(/wrong length/);
  });
});
