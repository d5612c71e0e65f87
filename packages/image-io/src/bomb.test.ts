import { deflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import pngjs from "pngjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_DEFLATE_RATIO } from "./data-bounds.js";
import { decodeImage } from "./decode.js";
import { jpegSegments } from "./fuzz/jpeg-segments.js";
import { codeOf, fixture } from "./testing/fixtures.js";
import { assemblePng, chunk, ihdr } from "./testing/png-builder.js";

/** `bytes` with the frame header's height and width set (the first SOF segment). */
function withFrameSize(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const out = bytes.slice();
  const sof = jpegSegments(out).find((s) => s.marker === 0xc0 || s.marker === 0xc2)!;
  const body = sof.start + 4;
  out.set([height >> 8, height & 0xff, width >> 8, width & 0xff], body + 1);
  return out;
}

describe("decompression bombs are refused from their headers, before anything is inflated", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a 100-byte PNG claiming 7000x7000 (under the pixel limit) is corrupt, and pngjs never runs", () => {
    // pngjs sizes its inflate buffer from the header: it would allocate 147 MB for this file.
    const read = vi.spyOn(pngjs.PNG.sync, "read");
    const idat = chunk("IDAT", deflateSync(new Uint8Array(64)));
    const bomb = assemblePng([ihdr(7000, 7000, 8, 2), idat, chunk("IEND")]);
    expect(bomb.length).toBeLessThan(120);
    expect(() => decodeImage(bomb, { name: "bomb.png" })).toThrow(
      /^bomb\.png: corrupt PNG \(its \d+ bytes of image data cannot hold 7000x7000 pixels, which need at least 142449\)$/,
    );
    expect(read).not.toHaveBeenCalled();
  });

  it("the bound is deflate's own: the densest real stream still decodes", () => {
    // 4000x1000 gray 1-bit zeros: 501 KB of filtered rows, deflated about 1030-fold.
    const raw = new Uint8Array(1000 * (1 + 500));
    const data = deflateSync(raw, { level: 9 });
    expect(raw.length / data.length).toBeGreaterThan(900);
    expect(raw.length).toBeLessThanOrEqual(MAX_DEFLATE_RATIO * data.length);
    const image = decodeImage(assemblePng([ihdr(4000, 1000, 1, 0), chunk("IDAT", data), chunk("IEND")]));
    expect([image.width, image.height, image.data[0]]).toEqual([4000, 1000, 0]);
  });

  it("a zlib bomb under a small header (64 MB inflating into a 64x64 frame) is corrupt", () => {
    const bomb = chunk("IDAT", deflateSync(new Uint8Array(64 << 20)));
    for (const interlace of [0, 1]) {
      const bytes = assemblePng([ihdr(64, 64, 8, 0, interlace), bomb, chunk("IEND")]);
      expect(codeOf(() => decodeImage(bytes))).toBe("ImageError:corrupt");
    }
  });

  it("a JPEG whose frame header is enlarged to 7000x7000 is corrupt, and jpeg-js never runs", () => {
    const decode = vi.spyOn(jpeg, "decode");
    for (const name of ["base.jpg", "progressive.jpg", "progressive-420.jpg", "gray.jpg"]) {
      const big = withFrameSize(fixture(name), 7000, 7000);
      expect(() => decodeImage(big, { name })).toThrow(
        /corrupt JPEG \(scan 1 has \d+ bytes, too few for the/,
      );
    }
    expect(decode).not.toHaveBeenCalled();
    // Enlarged within what the scans can hold, the frame still reaches jpeg-js (which then fails).
    expect(codeOf(() => decodeImage(withFrameSize(fixture("base.jpg"), 40, 40)))).toBe("ImageError:corrupt");
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("a progressive JPEG without the scan of a component's DC coefficients is corrupt", () => {
    const bytes = fixture("progressive.jpg");
    const firstScan = jpegSegments(bytes).find((s) => s.marker === 0xda)!;
    const cut = new Uint8Array(bytes.length - (firstScan.dataEnd - firstScan.start));
    cut.set(bytes.subarray(0, firstScan.start));
    cut.set(bytes.subarray(firstScan.dataEnd), firstScan.start);
    expect(() => decodeImage(cut, { name: "p.jpg" })).toThrow(
      /^p\.jpg: corrupt JPEG \(component \d+ has no first scan of its DC coefficients\)$/,
    );
  });

  it("sampling factors outside 1..4 are corrupt", () => {
    const bytes = fixture("base.jpg");
    const sof = jpegSegments(bytes).find((s) => s.marker === 0xc0)!;
    const bad = bytes.slice();
    bad[sof.start + 4 + 7] = 0x01; // first component: H = 0, V = 1
    expect(() => decodeImage(bad)).toThrow("image: corrupt JPEG (component 1 has sampling factors 0x1");
  });
});
