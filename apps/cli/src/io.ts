import { dirname, join, parse, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where messages go: stderr, never stdout (stdout carries results only). */
export interface Streams {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly err: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export const processStreams: Streams = { out: process.stdout, err: process.stderr };

/** The photograph coloured when no image is given: shipped in the repository's assets/. */
export function defaultImagePath(): string {
  // dist/ or src/ -> apps/cli -> apps -> repository root
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, "..", "..", "..", "assets", "coffee.png");
}

/** `NAME.colorized.png` beside the input. */
export function defaultOutputPath(input: string): string {
  const p = parse(resolve(input));
  return join(p.dir, `${p.name}.colorized.png`);
}
