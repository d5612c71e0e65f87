export {
  type AtomicWriteOptions,
  removeTemporaryFiles,
  temporaryFiles,
  writeFileAtomic,
} from "./atomic-write.js";
export { checkImage } from "./check.js";
export { compositeOverWhite } from "./composite.js";
export { type DecodeOptions, decodeImage } from "./decode.js";
export { ImageError, type ImageErrorCode } from "./errors.js";
export { decodeGray, type GrayRead, type GraySource, grayOfSamples, readGray } from "./gray-read.js";
export { DEFAULT_MAX_PIXELS, formatMegapixels, maxFileBytes } from "./limits.js";
export { encodePng, type WritePngOptions, writePng } from "./png-write.js";
export { type ImageFormat, type ImageInfo, probeImage } from "./probe.js";
export { type ReadOptions, readImage, readImageFile } from "./read.js";
export { readImageInfo } from "./read-info.js";
