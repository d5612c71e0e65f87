import { checkJpegData } from "./jpeg-decode.js";
import { readJpegStructure } from "./jpeg-structure.js";
import { checkMinimumSize, checkPixelCount, DEFAULT_MAX_PIXELS } from "./limits.js";
import { checkPngData } from "./png-decode.js";
import { readPngHeader } from "./png-header.js";
import { type ImageInfo, probeImage } from "./probe.js";
import { type ReadOptions, readImageFile } from "./read.js";

/**
 * Every check of `readImage` and `readGray` short of running the decoders: the file, the header and
 * the size limits, the PNG's chunks up to IEND and its image data inflated to exactly the size the
 * header implies (a few milliseconds a megapixel), the JPEG's markers up to end-of-image and its scans'
 * sizes. A command that reads many images calls it on each before any work starts, so that a broken
 * file is refused first. The checks are the decoders' own, with their messages.
 *
 * @throws ImageError with the codes of `readImage`
 */
export async function checkImage(path: string, options: ReadOptions = {}): Promise<ImageInfo> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const { minWidth = 1, minHeight = 1 } = options;
  const bytes = await readImageFile(path, maxPixels);
  const info = probeImage(bytes, path);
  checkPixelCount(info.width, info.height, maxPixels, path);
  checkMinimumSize(info.width, info.height, minWidth, minHeight, path);
  if (info.format === "png") checkPngData(bytes, readPngHeader(bytes, path), path);
  else checkJpegData(readJpegStructure(bytes, path), path);
  return info;
}
