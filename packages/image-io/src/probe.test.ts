import { deflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import pngjs from "pngjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeImage } from "./decode.js";
import { probeImage } from "./probe.js";
import { codeOf, fixture, jpegSegment, sofSegment } from "./testing/fixtures.js";
import { assemblePng, chunk, ihdr } from "./testing/png-builder.js";

const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];

describe("probeImage", () => {
  it("reads a PNG's size from IHDR alone", () => {
    expect(probeImage(assemblePng([ihdr(300, 200, 8, 6)]))).toEqual({
      format: "png",
      width: 300,
      height: 200,
    });
  });

  it("reads a JPEG's size from its frame header", () => {
    expect(probeImage(fixture("base.jpg"))).toEqual({ format: "jpeg", width: 32, height: 32 });
    expect(probeImage(fixture("progressive-420.jpg"))).toEqual({ format: "jpeg", width: 32, height: 32 });
  });

  it("skips DHT, JPG and DAC (C4, C8, CC), fill bytes and markers without a length", () => {
    // If C4, C8 or CC were taken for frames, their payloads would give 0x0A0B x 0x0C0D.
    const decoy = [8, 0x0c, 0x0d, 0x0a, 0x0b, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const bytes = Uint8Array.from([
      ...SOI,
      ...jpegSegment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1]),
      ...jpegSegment(0xc4, decoy),
      0xff,
      0xff,
      0xff, // fill bytes
      ...jpegSegment(0xc8, decoy),
      0xff,
      0x01, // TEM
      0xff,
      0xd0, // RST0
      ...jpegSegment(0xcc, decoy),
      ...jpegSegment(0xfe, [0x68, 0x69]),
      ...sofSegment(641, 479, 0xc2),
    ]);
    expect(probeImage(bytes)).toEqual({ format: "jpeg", width: 641, height: 479 });
  });

  it("finds SOF3 and SOF15 frames too", () => {
    for (const marker of [0xc3, 0xcf]) {
      expect(probeImage(Uint8Array.from([...SOI, ...sofSegment(7, 5, marker)]))).toEqual({
        format: "jpeg",
        width: 7,
        height: 5,
      });
    }
  });

  it("names bad inputs with one-line messages and codes", () => {
    expect(() => probeImage(new TextEncoder().encode("hello, world"), "notes.png")).toThrow(
      "notes.png: not a PNG or JPEG image",
    );
    expect(codeOf(() => probeImage(new Uint8Array(0)))).toBe("ImageError:empty");
    expect(codeOf(() => probeImage(Uint8Array.of(0x89, 0x50)))).toBe("ImageError:truncated");
    expect(codeOf(() => probeImage(assemblePng([ihdr(3, 3, 8, 2)]).subarray(0, 20)))).toBe(
      "ImageError:truncated",
    );
    expect(codeOf(() => probeImage(assemblePng([chunk("IDAT"), ihdr(3, 3, 8, 2)])))).toBe(
      "ImageError:corrupt",
    );
    expect(codeOf(() => probeImage(assemblePng([ihdr(0, 3, 8, 2)])))).toBe("ImageError:corrupt");
    expect(
      codeOf(() => probeImage(Uint8Array.of(...SOI, ...jpegSegment(0xe0, [1, 2, 3])).subarray(0, 6))),
    ).toBe("ImageError:truncated");
    expect(codeOf(() => probeImage(Uint8Array.of(...SOI, ...jpegSegment(0xda, [0]), ...EOI)))).toBe(
      "ImageError:corrupt",
    );
    expect(codeOf(() => probeImage(Uint8Array.of(...SOI, ...EOI)))).toBe("ImageError:corrupt");
    expect(codeOf(() => probeImage(Uint8Array.of(...SOI, 0x12, 0x34)))).toBe("ImageError:corrupt");
  });
});

describe("pixel limits are enforced from the header", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a PNG claiming 100000x100000 (with no image data at all) is too large, and pngjs is never called", () => {
    const read = vi.spyOn(pngjs.PNG.sync, "read");
    const huge = assemblePng([ihdr(100000, 100000, 8, 2), chunk("IEND")]);
    expect(() => decodeImage(huge)).toThrow(
      "image is 100000x100000 (10000 megapixels), above the limit of 50 megapixels; raise it with --max-megapixels",
    );
    expect(codeOf(() => decodeImage(huge))).toBe("ImageError:too-large");
    expect(read).not.toHaveBeenCalled();
    // The spy does see real decodes.
    decodeImage(
      assemblePng([ihdr(1, 1, 8, 0), chunk("IDAT", deflateSync(Uint8Array.of(0, 0))), chunk("IEND")]),
    );
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("a JPEG frame of 60000x60000 is too large, and jpeg-js is never called", () => {
    const decode = vi.spyOn(jpeg, "decode");
    const huge = Uint8Array.from([...SOI, ...sofSegment(60000, 60000), ...EOI]);
    expect(codeOf(() => decodeImage(huge, { name: "big.jpg" }))).toBe("ImageError:too-large");
    expect(() => decodeImage(huge, { name: "big.jpg" })).toThrow("big.jpg is 60000x60000 (3600 megapixels)");
    expect(decode).not.toHaveBeenCalled();
    decodeImage(fixture("base.jpg"));
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("the limit is inclusive and configurable", () => {
    const bytes = fixture("base.jpg");
    expect(decodeImage(bytes, { maxPixels: 32 * 32 }).width).toBe(32);
    expect(() => decodeImage(bytes, { maxPixels: 32 * 32 - 1 })).toThrow(
      "image is 32x32 (0.001024 megapixels), above the limit of 0.001023 megapixels; raise it with --max-megapixels",
    );
    expect(() => decodeImage(bytes, { maxPixels: 0 })).toThrow(RangeError);
  });

  it("a minimum size refuses smaller images as too-small", () => {
    const bytes = fixture("base.jpg");
    expect(decodeImage(bytes, { minWidth: 32, minHeight: 32 }).height).toBe(32);
    expect(() => decodeImage(bytes, { minWidth: 33, minHeight: 3, name: "tiny.jpg" })).toThrow(
      "tiny.jpg is 32x32, smaller than the minimum of 33x3 pixels",
    );
  });
});
