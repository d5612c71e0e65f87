import { readFile, stat } from "node:fs/promises";
import type { RgbImage } from "@colorize/core";
import { type DecodeOptions, decodeImage } from "./decode.js";
import { firstLine, ImageError } from "./errors.js";
import { assertPixelLimit, checkFileSize, DEFAULT_MAX_PIXELS } from "./limits.js";

/** Options of {@link readImage}: those of `decodeImage` without `name` (the path names the image). */
export type ReadOptions = Omit<DecodeOptions, "name">;

/**
 * Reads and decodes a PNG or JPEG file into 8-bit RGB. The path is checked with `stat` first, and a
 * file larger than any image within `maxPixels` could be (see `maxFileBytes`) is refused unread.
 *
 * @param path file path; messages name the file by this string
 * @throws ImageError `not-found`, `is-directory`, `empty`, `unreadable`, `too-large`, and every
 *   `decodeImage` code
 */
export async function readImage(path: string, options: ReadOptions = {}): Promise<RgbImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const bytes = await readImageFile(path, maxPixels);
  return decodeImage(bytes, { ...options, maxPixels, name: path });
}

/**
 * The bytes of an image file, after the checks of {@link readImage}: the path is a regular,
 * non-empty file no larger than any image within `maxPixels` could be.
 * @throws ImageError `not-found`, `is-directory`, `empty`, `unreadable`, `too-large`
 */
export async function readImageFile(path: string, maxPixels: number): Promise<Uint8Array> {
  assertPixelLimit(maxPixels);
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ImageError("is-directory", `${path}: is a directory, not an image`);
    if (!info.isFile()) throw new ImageError("unreadable", `${path}: not a regular file`);
    size = info.size;
  } catch (error) {
    throw fileError(path, error);
  }
  if (size === 0) throw new ImageError("empty", `${path}: file is empty`);
  checkFileSize(size, maxPixels, path);
  try {
    return await readFile(path);
  } catch (error) {
    throw fileError(path, error);
  }
}

function fileError(path: string, error: unknown): ImageError {
  if (error instanceof ImageError) return error;
  const code = (error as { code?: string }).code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new ImageError("not-found", `${path}: no such file`, { cause: error });
  }
  if (code === "EISDIR") {
    return new ImageError("is-directory", `${path}: is a directory, not an image`, { cause: error });
  }
  if (code === "EACCES" || code === "EPERM") {
    return new ImageError("unreadable", `${path}: permission denied`, { cause: error });
  }
  return new ImageError("unreadable", `${path}: cannot read (${firstLine(error)})`, { cause: error });
}
