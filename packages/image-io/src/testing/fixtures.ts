import { readFileSync } from "node:fs";
import type { ImageError } from "../errors.js";

/** Bytes of a file in the package's fixtures/ folder. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
}

/** One JPEG marker segment: 0xFF, marker, a 16-bit length that counts itself, payload. */
export function jpegSegment(marker: number, payload: readonly number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** A baseline frame header (SOF0 unless `marker` says otherwise) for 3 components. */
export function sofSegment(width: number, height: number, marker = 0xc0, precision = 8): number[] {
  return jpegSegment(marker, [
    precision,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    ...[1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1],
  ]);
}

/** `Name:code` of what `run` throws (e.g. `ImageError:truncated`), or `no error`. */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return `${(error as Error).name}:${(error as ImageError).code}`;
  }
  return "no error";
}
