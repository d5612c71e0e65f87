import { createRng, type RgbImage } from "@colorize/core";
import jpeg from "jpeg-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeImage } from "./decode.js";
import { codeOf, fixture } from "./testing/fixtures.js";
import { jpegPattern, maxAbsDiff, meanColour, PATTERN_BLUE, PATTERN_RED } from "./testing/jpeg-pattern.js";

/** How far a channel mean over a solid 16x16 square may drift through JPEG compression. */
const meanAtol = 2;
/** Largest per-sample error inside the solid squares at quality 90-95. */
const solidMaxErr = 3;

function expectSolidSquares(image: RgbImage): void {
  const red = meanColour(image, 0, 0, 16, 16);
  const blue = meanColour(image, 16, 0, 32, 16);
  for (let c = 0; c < 3; c++) {
    expect(Math.abs(red[c]! - PATTERN_RED[c]!)).toBeLessThanOrEqual(meanAtol);
    expect(Math.abs(blue[c]! - PATTERN_BLUE[c]!)).toBeLessThanOrEqual(meanAtol);
  }
}

function toRgba(image: RgbImage): Uint8Array {
  const out = new Uint8Array(image.width * image.height * 4).fill(255);
  for (let p = 0; p < image.width * image.height; p++) out.set(image.data.subarray(p * 3, p * 3 + 3), p * 4);
  return out;
}

/** [start, end) of each scan's entropy-coded data: after an SOS segment, up to the next marker. */
function scanRanges(bytes: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 2; i + 3 < bytes.length; i++) {
    if (bytes[i] !== 0xff || bytes[i + 1] !== 0xda) continue;
    const start = i + 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
    let end = start;
    while (
      !(bytes[end] === 0xff && bytes[end + 1] !== 0 && (bytes[end + 1]! < 0xd0 || bytes[end + 1]! > 0xd7))
    )
      end++;
    out.push([start, end]);
    i = end - 1;
  }
  return out;
}

describe("decodeImage on JPEG", () => {
  afterEach(() => vi.restoreAllMocks());
  const pattern = jpegPattern();

  it("base.jpg is jpeg-js's quality-90 baseline encoding of the pattern, and decodes close to it", () => {
    const encoded = jpeg.encode({ width: 32, height: 32, data: toRgba(pattern) }, 90).data;
    const base = fixture("base.jpg");
    expect(Buffer.compare(Buffer.from(encoded), Buffer.from(base))).toBe(0);
    const image = decodeImage(base);
    expect([image.width, image.height]).toEqual([32, 32]);
    expectSolidSquares(image);
    expect(maxAbsDiff(image, pattern, 0, 0, 32, 16)).toBeLessThanOrEqual(solidMaxErr);
  });

  it("progressive and restart-marker transcodes decode exactly like the baseline they came from", () => {
    // jpegtran -progressive / -restart 1B keep the DCT coefficients, so the pixels must be identical.
    const base = decodeImage(fixture("base.jpg"));
    expect(decodeImage(fixture("progressive.jpg"))).toEqual(base);
    expect(decodeImage(fixture("restart.jpg"))).toEqual(base);
  });

  it("a grayscale JPEG decodes to equal R, G and B at the pattern's luma", () => {
    const image = decodeImage(fixture("gray.jpg"));
    for (let p = 0; p < 32 * 32; p++) {
      expect(image.data[p * 3 + 1]).toBe(image.data[p * 3]);
      expect(image.data[p * 3 + 2]).toBe(image.data[p * 3]);
    }
    const luma = (rgb: readonly number[]) => 0.299 * rgb[0]! + 0.587 * rgb[1]! + 0.114 * rgb[2]!;
    expect(Math.abs(meanColour(image, 0, 0, 16, 16)[0]! - luma(PATTERN_RED))).toBeLessThanOrEqual(meanAtol);
    expect(Math.abs(meanColour(image, 16, 0, 32, 16)[0]! - luma(PATTERN_BLUE))).toBeLessThanOrEqual(meanAtol);
  });

  it("a progressive 4:2:0 JPEG from libjpeg-turbo keeps the square colours", () => {
    const image = decodeImage(fixture("progressive-420.jpg"));
    expectSolidSquares(image);
    // Chroma is shared by 2x2 pixels; the squares are 16-aligned so their insides stay exact-ish.
    expect(maxAbsDiff(image, pattern, 2, 2, 14, 14)).toBeLessThanOrEqual(solidMaxErr);
  });

  it("an RGB JPEG (Adobe transform 0) is not mistaken for YCbCr", () => {
    const image = decodeImage(fixture("rgb.jpg"));
    expectSolidSquares(image);
    expect(maxAbsDiff(image, pattern, 0, 0, 32, 16)).toBeLessThanOrEqual(solidMaxErr);
  });

  it("arithmetic coding and 12-bit samples are refused as unsupported", () => {
    expect(() => decodeImage(fixture("arithmetic.jpg"), { name: "a.jpg" })).toThrow(
      "a.jpg: arithmetic-coded JPEG is not supported; convert it to PNG or baseline JPEG",
    );
    const twelveBit = fixture("base.jpg").slice();
    const sof = twelveBit.findIndex((v, i) => v === 0xff && twelveBit[i + 1] === 0xc0);
    twelveBit[sof + 4] = 12;
    expect(codeOf(() => decodeImage(twelveBit))).toBe("ImageError:unsupported");
  });

  it("fill bytes before markers are skipped", () => {
    const base = fixture("base.jpg");
    const sof = base.findIndex((v, i) => v === 0xff && base[i + 1] === 0xc0);
    const padded = new Uint8Array(base.length + 3);
    padded.set(base.subarray(0, sof));
    padded.set([0xff, 0xff, 0xff], sof);
    padded.set(base.subarray(sof), sof + 3);
    expect(decodeImage(padded)).toEqual(decodeImage(base));
  });

  it("every strict prefix of a baseline or progressive JPEG is truncated, before jpeg-js runs", () => {
    const decode = vi.spyOn(jpeg, "decode");
    for (const name of ["base.jpg", "progressive.jpg"]) {
      const bytes = fixture(name);
      const codes = new Set<string>();
      for (let n = 1; n < bytes.length; n++) codes.add(codeOf(() => decodeImage(bytes.subarray(0, n))));
      expect([...codes]).toEqual(["ImageError:truncated"]);
    }
    expect(decode).not.toHaveBeenCalled();
    decodeImage(fixture("base.jpg"));
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("a scan cut in half and closed with an end-of-image marker is corrupt, not a gray guess", () => {
    for (const name of ["base.jpg", "progressive.jpg", "progressive-420.jpg"]) {
      const bytes = fixture(name);
      const scans = scanRanges(bytes);
      expect(scans.length).toBeGreaterThan(0);
      for (const [start, end] of [scans[0]!, scans.at(-1)!]) {
        const cut = start + ((end - start) >> 1);
        const closed = new Uint8Array(cut + 2);
        closed.set(bytes.subarray(0, cut));
        closed.set([0xff, 0xd9], cut);
        expect(`${name}@${cut}: ${codeOf(() => decodeImage(closed))}`).toBe(
          `${name}@${cut}: ImageError:corrupt`,
        );
      }
    }
  });

  it("random byte damage never escapes as anything but an ImageError", () => {
    const rng = createRng(2024);
    for (const name of ["base.jpg", "progressive.jpg", "progressive-420.jpg"]) {
      const good = fixture(name);
      for (let trial = 0; trial < 150; trial++) {
        const bad = good.slice();
        for (let k = 0; k < 3; k++) bad[2 + rng.int(bad.length - 2)] = rng.int(256);
        const code = codeOf(() => decodeImage(bad));
        expect(code === "no error" || code.startsWith("ImageError:")).toBe(true);
      }
    }
  });
});
