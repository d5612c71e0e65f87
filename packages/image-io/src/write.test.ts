import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createRng, rgbImage } from "@colorize/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeTemporaryFiles, temporaryFiles, writeFileAtomic } from "./atomic-write.js";
import { decodeImage } from "./decode.js";
import type { ImageError } from "./errors.js";
import { encodePng, writePng } from "./png-write.js";

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return `${(error as Error).name}:${(error as ImageError).code}`;
  }
  return "no error";
}

function randomImage(seed: number, width = 9, height = 7) {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(256);
  return rgbImage(width, height, data);
}

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "image-io-write-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("encodePng", () => {
  it("writes an 8-bit RGB PNG that decodes to the same pixels", () => {
    const image = randomImage(1);
    const bytes = encodePng(image);
    expect(bytes[25]).toBe(2); // IHDR colour type: RGB
    expect(bytes[24]).toBe(8); // bit depth
    expect(decodeImage(bytes)).toEqual(image);
  });

  it("refuses an empty image", () => {
    expect(() => encodePng(rgbImage(0, 0))).toThrow(RangeError);
  });
});

describe("writePng", () => {
  it("writes the file and leaves no temporary file behind", async () => {
    const out = join(dir, "out.png");
    const image = randomImage(2);
    await writePng(out, image);
    expect(decodeImage(await readFile(out))).toEqual(image);
    expect(await readdir(dir)).toEqual(["out.png"]);
  });

  it("refuses an existing file unless forced", async () => {
    const out = join(dir, "out.png");
    await writeFile(out, "old");
    await expect(writePng(out, randomImage(3))).rejects.toThrow(
      `${out}: already exists; use --force to overwrite it`,
    );
    expect(await codeOf(() => writePng(out, randomImage(3)))).toBe("ImageError:exists");
    expect(await readFile(out, "utf8")).toBe("old");
    await writePng(out, randomImage(3), { force: true });
    expect(decodeImage(await readFile(out))).toEqual(randomImage(3));
    expect(await readdir(dir)).toEqual(["out.png"]);
  });

  it("refuses to write onto the input, named directly, relatively, through a symlink or a hard link", async () => {
    const input = join(dir, "in.png");
    await writeFile(input, encodePng(randomImage(4)));
    const original = await readFile(input);
    await symlink(input, join(dir, "alias.png"));
    await link(input, join(dir, "hard.png"));
    const attempts: [string, string][] = [
      [input, input],
      [relative(process.cwd(), input), input],
      [input, relative(process.cwd(), input)],
      [join(dir, "alias.png"), input],
      [input, join(dir, "alias.png")],
      [join(dir, "sub", "..", "in.png"), input],
      [join(dir, "hard.png"), input],
    ];
    for (const [out, inputPath] of attempts) {
      expect(`${out}: ${await codeOf(() => writePng(out, randomImage(5), { inputPath, force: true }))}`).toBe(
        `${out}: ImageError:same-path`,
      );
    }
    await expect(writePng(input, randomImage(5), { inputPath: input, force: true })).rejects.toThrow(
      `${input}: refusing to overwrite the input image`,
    );
    expect(await readFile(input)).toEqual(original);
    // A different output beside the input is fine.
    await writePng(join(dir, "other.png"), randomImage(5), { inputPath: input });
  });

  it("fails with write-failed into a missing folder and leaves nothing behind", async () => {
    const out = join(dir, "missing", "out.png");
    await expect(writePng(out, randomImage(6))).rejects.toThrow(
      `${out}: cannot write (folder ${join(dir, "missing")} does not exist)`,
    );
    expect(await codeOf(() => writePng(out, randomImage(6)))).toBe("ImageError:write-failed");
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("writeFileAtomic", () => {
  it("replaces an existing file by default", async () => {
    const out = join(dir, "report.json");
    await writeFile(out, "old");
    await writeFileAtomic(out, new TextEncoder().encode("new"));
    expect(await readFile(out, "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["report.json"]);
  });

  it("with exclusive, refuses an existing file and removes its temporary file", async () => {
    const out = join(dir, "report.json");
    await writeFile(out, "old");
    expect(
      await codeOf(() => writeFileAtomic(out, new TextEncoder().encode("new"), { exclusive: true })),
    ).toBe("ImageError:exists");
    expect(await readFile(out, "utf8")).toBe("old");
    expect(await readdir(dir)).toEqual(["report.json"]);
    await writeFileAtomic(join(dir, "fresh.json"), new TextEncoder().encode("{}"), { exclusive: true });
    expect((await readdir(dir)).sort()).toEqual(["fresh.json", "report.json"]);
  });

  it("removes the temporary file when the final rename fails", async () => {
    // Renaming a file onto a non-empty folder fails after the temporary file was written and synced.
    const out = join(dir, "taken");
    await mkdir(out);
    await writeFile(join(out, "keep.txt"), "x");
    expect(await codeOf(() => writeFileAtomic(out, new TextEncoder().encode("data")))).toBe(
      "ImageError:write-failed",
    );
    expect(await readdir(dir)).toEqual(["taken"]);
    expect(await readdir(out)).toEqual(["keep.txt"]);
  });

  it("lists the temporary files of writes under way, and removes them at once for an exit mid-write", async () => {
    const out = join(dir, "big.bin");
    const writing = writeFileAtomic(out, new Uint8Array(64 << 20));
    while (temporaryFiles().length === 0) await new Promise((r) => setImmediate(r));
    const [temp] = temporaryFiles();
    expect(relative(dir, temp!)).toMatch(/^\.big\.bin\.tmp-\d+-[0-9a-f]{12}$/);
    expect(removeTemporaryFiles()).toEqual([temp]);
    expect(temporaryFiles()).toEqual([]);
    expect(await codeOf(() => writing)).toBe("ImageError:write-failed");
    expect(await readdir(dir)).toEqual([]);
  });
});
