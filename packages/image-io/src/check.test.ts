import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng } from "@colorize/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkImage } from "./check.js";
import { decodeImage } from "./decode.js";
import { ImageError } from "./errors.js";
import { fuzzCorpus } from "./fuzz/corpus.js";
import { mutationsFor } from "./fuzz/mutate.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "image-io-check-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The decoder's verdict: "ok", or its error's code and message. */
function decoded(bytes: Uint8Array, name: string): string {
  try {
    decodeImage(bytes, { name });
    return "ok";
  } catch (e) {
    if (!(e instanceof ImageError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

async function checked(bytes: Uint8Array, path: string): Promise<string> {
  await writeFile(path, bytes);
  try {
    await checkImage(path);
    return "ok";
  } catch (e) {
    if (!(e instanceof ImageError)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

/** Codes found by the checks themselves: the decoder never gets to refuse a file with these. */
const BEFORE_DECODER = new Set(["empty", "not-image", "truncated", "too-large", "too-small", "unsupported"]);
/** Our own `corrupt` findings (the rest of that code comes from pngjs and jpeg-js). */
const OURS =
  /expected a marker|stray 0xFF00|segment length|malformed (frame|scan) header|gives width 0|sampling factors|scan before the frame|no frame header|colour type \d|chunk length|no image data|image data (ends after|is larger)|too few for the/;

describe("checkImage: the decoders' checks without the decoders", () => {
  const seeds = fuzzCorpus();
  const bombs = [new Uint8Array(0)];

  it("passes every valid seed, with the header's size", async () => {
    for (const seed of seeds) {
      const path = join(dir, seed.name);
      expect(await checked(seed.bytes, path), seed.name).toBe(
        seed.name === "arithmetic.jpg" ? decoded(seed.bytes, path) : "ok",
      );
    }
  });

  it("refuses every damaged file the way the decoder does, and never refuses one the decoder reads", async () => {
    const rng = createRng(7);
    let refused = 0;
    for (const seed of seeds) {
      const path = join(dir, `damaged-${seed.name}`);
      const cases: Uint8Array[] = [];
      for (let i = 1; i <= 12; i++)
        cases.push(seed.bytes.subarray(0, Math.floor((seed.bytes.length * i) / 13)));
      for (const m of mutationsFor(seed.format)) {
        for (let r = 0; r < 3; r++) cases.push(m.apply(seed.bytes, { rng, bombs }));
      }
      for (const bytes of cases) {
        const check = await checked(bytes, path);
        const decode = decoded(bytes, path);
        if (check !== "ok") {
          refused++;
          // What the check refuses, the decoder refuses with the same code and line.
          expect(decode, seed.name).toBe(check);
        } else {
          // What passes the check either decodes or is refused by the decoder library itself.
          const code = decode === "ok" ? "ok" : decode.slice(0, decode.indexOf(":"));
          expect(BEFORE_DECODER.has(code), `${seed.name}: ${decode}`).toBe(false);
          expect(decode, seed.name).not.toMatch(OURS);
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});
