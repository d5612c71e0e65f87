import { open } from "node:fs/promises";
import { ImageError } from "./errors.js";
import { type ImageInfo, probeImage } from "./probe.js";

/** Bytes read first: enough for the header of almost every file (a JPEG's frame may follow large EXIF). */
const HEAD_BYTES = 1 << 20;

/**
 * Reads the format and size of an image file from its header, without decoding it: the first MiB,
 * and the whole file only when its header lies further in.
 *
 * @throws ImageError as {@link probeImage} does, and `not-found` / `unreadable` for the path
 */
export async function readImageInfo(path: string): Promise<ImageInfo> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") throw new ImageError("not-found", `${path}: no such file`, { cause: error });
    throw new ImageError("unreadable", `${path}: cannot read (${code})`, { cause: error });
  }
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    try {
      return probeImage(head, path);
    } catch (error) {
      if (!(error instanceof ImageError) || error.code !== "truncated" || size <= HEAD_BYTES) throw error;
      const all = new Uint8Array(size);
      await handle.read(all, 0, size, 0);
      return probeImage(all, path);
    }
  } finally {
    await handle.close();
  }
}
