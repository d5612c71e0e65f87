import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readImageInfo } from "./read-info.js";
import { fixture, jpegSegment } from "./testing/fixtures.js";

describe("readImageInfo", () => {
  const dir = mkdtempSync(join(tmpdir(), "image-io-info-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the size from the header, also when the frame lies past the first MiB", async () => {
    const base = fixture("base.jpg");
    const comment = jpegSegment(0xfe, new Array(65000).fill(0x41));
    const padded = Uint8Array.from([
      ...base.subarray(0, 2),
      ...Array(24).fill(comment).flat(),
      ...base.subarray(2),
    ]);
    expect(padded.length).toBeGreaterThan(1.5e6);
    writeFileSync(join(dir, "far.jpg"), padded);
    writeFileSync(join(dir, "near.jpg"), base);
    expect(await readImageInfo(join(dir, "near.jpg"))).toEqual({ format: "jpeg", width: 32, height: 32 });
    expect(await readImageInfo(join(dir, "far.jpg"))).toEqual({ format: "jpeg", width: 32, height: 32 });
  });

  it("names a missing file and a non-image", async () => {
    await expect(readImageInfo(join(dir, "missing.png"))).rejects.toMatchObject({ code: "not-found" });
    writeFileSync(join(dir, "text.png"), "hello");
    await expect(readImageInfo(join(dir, "text.png"))).rejects.toThrow("text.png: not a PNG or JPEG image");
  });
});
