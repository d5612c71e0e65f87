import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rgbImage } from "@colorize/core";
import pngjs from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageError } from "./errors.js";
import { maxFileBytes } from "./limits.js";
import { encodePng } from "./png-write.js";
import { readImage } from "./read.js";
import { fixture } from "./testing/fixtures.js";

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return `${(error as Error).name}:${(error as ImageError).code}`;
  }
  return "no error";
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "image-io-read-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readImage", () => {
  it("reads a PNG and a JPEG from disk", async () => {
    const image = rgbImage(
      6,
      3,
      Uint8Array.from({ length: 54 }, (_, i) => i * 4),
    );
    const png = join(dir, "small.png");
    await writeFile(png, encodePng(image));
    expect(await readImage(png)).toEqual(image);
    const jpg = join(dir, "small.jpg");
    await writeFile(jpg, fixture("base.jpg"));
    expect((await readImage(jpg)).width).toBe(32);
  });

  it("names missing files, folders, empty files and non-images", async () => {
    const missing = join(dir, "missing.png");
    await expect(readImage(missing)).rejects.toThrow(`${missing}: no such file`);
    expect(await codeOf(() => readImage(missing))).toBe("ImageError:not-found");
    expect(await codeOf(() => readImage(join(dir, "missing", "below.png")))).toBe("ImageError:not-found");

    const folder = join(dir, "folder.png");
    await mkdir(folder);
    await expect(readImage(folder)).rejects.toThrow(`${folder}: is a directory, not an image`);
    expect(await codeOf(() => readImage(folder))).toBe("ImageError:is-directory");

    const empty = join(dir, "empty.png");
    await writeFile(empty, "");
    await expect(readImage(empty)).rejects.toThrow(`${empty}: file is empty`);
    expect(await codeOf(() => readImage(empty))).toBe("ImageError:empty");

    const text = join(dir, "notes.png");
    await writeFile(text, "these are notes, not pixels\n");
    await expect(readImage(text)).rejects.toThrow(`${text}: not a PNG or JPEG image`);
    expect(await codeOf(() => readImage(text))).toBe("ImageError:not-image");
  });

  it("refuses, without reading it, a file too big for any image within the limit", async () => {
    // A sparse file of zeros: were it read, it would be "not-image", so "too-large" proves it was not.
    const big = join(dir, "big.png");
    await writeFile(big, "");
    await truncate(big, maxFileBytes(1000) + 1);
    expect(await codeOf(() => readImage(big, { maxPixels: 1000 }))).toBe("ImageError:too-large");
    expect(await codeOf(() => readImage(big))).toBe("ImageError:not-image");
  });

  it("cut PNG and JPEG files are truncated", async () => {
    const png = encodePng(
      rgbImage(
        20,
        10,
        Uint8Array.from({ length: 600 }, (_, i) => (i * 37) & 255),
      ),
    );
    const jpg = fixture("progressive.jpg");
    await writeFile(join(dir, "cut.png"), png.subarray(0, png.length >> 1));
    await writeFile(join(dir, "cut.jpg"), jpg.subarray(0, jpg.length >> 1));
    expect(await codeOf(() => readImage(join(dir, "cut.png")))).toBe("ImageError:truncated");
    expect(await codeOf(() => readImage(join(dir, "cut.jpg")))).toBe("ImageError:truncated");
  });

  it("applies the minimum size (6x3 in the CLI)", async () => {
    const path = join(dir, "five.png");
    await writeFile(path, encodePng(rgbImage(5, 3, new Uint8Array(45))));
    await expect(readImage(path, { minWidth: 6, minHeight: 3 })).rejects.toThrow(
      `${path} is 5x3, smaller than the minimum of 6x3 pixels`,
    );
    expect(await codeOf(() => readImage(path, { minWidth: 6, minHeight: 3 }))).toBe("ImageError:too-small");
  });
});

const photos = new URL("../../../../shared/images/", import.meta.url).pathname;
const SIZES: Record<string, [number, number]> = {
  "astronaut.png": [512, 512],
  "chelsea.png": [451, 300],
  "coffee.png": [600, 400],
  "rocket.jpg": [640, 427],
  "retina.jpg": [1411, 1411],
  "fruits.jpg": [512, 480],
  "baboon.jpg": [512, 512],
};

describe.skipIf(!existsSync(photos))("the shared photographs", () => {
  for (const [name, [width, height]] of Object.entries(SIZES)) {
    it(`${name} decodes at ${width}x${height}`, async () => {
      const image = await readImage(join(photos, name), { minWidth: 6, minHeight: 3 });
      expect([image.width, image.height, image.data.length]).toEqual([width, height, width * height * 3]);
      if (name.endsWith(".png")) {
        // Opaque 8-bit RGB: our pixels are pngjs's pixels without the alpha channel.
        const reference = pngjs.PNG.sync.read(readFileSync(join(photos, name))).data;
        let mismatches = 0;
        for (let p = 0; p < width * height * 3; p++) {
          if (image.data[p] !== reference[Math.floor(p / 3) * 4 + (p % 3)]) mismatches++;
        }
        expect(mismatches).toBe(0);
      }
    });
  }
});
