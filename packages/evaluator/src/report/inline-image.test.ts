import { createRng } from "@colorize/core";
import { decodeImage } from "@colorize/image-io";
import { describe, expect, it } from "vitest";
import { compressedImage, encodeJpeg } from "./inline-image.js";

const bytesOf = (src: string) => Buffer.from(src.slice(src.indexOf(",") + 1), "base64");

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
  return { width, height, data };
}

describe("compressedImage", () => {
  it("keeps a flat palette picture as an exact PNG, which is smaller than its JPEG", () => {
    const flat = image(64, 48, (x) => (x < 32 ? [200, 40, 40] : [20, 80, 200]));
    const c = compressedImage(flat);
    expect(c.type).toBe("image/png");
    expect(c.src.startsWith("data:image/png;base64,")).toBe(true);
    expect(decodeImage(bytesOf(c.src))).toEqual(flat);
    expect(c.bytes).toBeLessThan(encodeJpeg(flat).length);
  });
  it("encodes a photograph-like picture as a JPEG close to the original and smaller than its PNG", () => {
    const rng = createRng(3);
    const noisy = image(96, 64, (x, y) => [
      (x * 2 + rng.int(40)) % 256,
      (y * 3 + rng.int(40)) % 256,
      (x + y + rng.int(40)) % 256,
    ]);
    const c = compressedImage(noisy);
    expect(c.type).toBe("image/jpeg");
    const back = decodeImage(bytesOf(c.src));
    expect([back.width, back.height]).toEqual([96, 64]);
    let sq = 0;
    for (let i = 0; i < back.data.length; i++) sq += (back.data[i] - noisy.data[i]) ** 2;
    // Quality 72 on noise: a root-mean-square error of a few levels out of 255.
    expect(Math.sqrt(sq / back.data.length)).toBeLessThan(20);
  });
});
