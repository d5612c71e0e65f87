/**
 * Why an image could not be read or written. Every code maps to a user error (exit code 2 in the CLI):
 * - `not-found`, `is-directory`, `empty`, `unreadable`: the path itself is unusable;
 * - `not-image`: neither a PNG nor a JPEG signature;
 * - `truncated`: the file ends before the image is complete;
 * - `corrupt`: the structure or the compressed data is invalid;
 * - `unsupported`: a valid file in a variant the decoders do not handle (12-bit or arithmetic JPEG, ...);
 * - `too-large`: more pixels (or bytes) than the configured limit allows;
 * - `too-small`: fewer pixels than the caller's minimum;
 * - `same-path`, `exists`, `write-failed`: refusals and failures when writing.
 */
export type ImageErrorCode =
  | "not-found"
  | "is-directory"
  | "empty"
  | "unreadable"
  | "not-image"
  | "truncated"
  | "corrupt"
  | "unsupported"
  | "too-large"
  | "too-small"
  | "same-path"
  | "exists"
  | "write-failed";

/** An input or output problem with a one-line message that names the file. */
export class ImageError extends Error {
  override readonly name = "ImageError";

  constructor(
    readonly code: ImageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The first line of an error's message, for wrapping library errors into one-line messages. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n", 1)[0]!.trim();
  return line.length > 0 ? line : "unknown error";
}
