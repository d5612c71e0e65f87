import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { encodePng, readImage } from "@colorize/image-io";
import { estimateRunBytes, largestRunPixels } from "@colorize/runtime";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTestPng } from "./testing/harness.js";

const MiB = 1024 * 1024;
const BASIC = [{ kind: "agent", output: "label" }] as const;

/** A PNG header claiming `width`x`height`, with an IDAT of a few zero bytes: refused if ever decoded. */
function claimingPng(width: number, height: number): Buffer {
  const b = Buffer.from(encodePng({ width: 8, height: 8, data: new Uint8Array(8 * 8 * 3) }));
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b; // the IHDR checksum no longer matches: any decoding would fail on it
}

function expectOneLine(r: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(message)]);
}

describe("memory: a run estimated above the limit is refused from the header, before decoding", () => {
  const dir = tempDir();

  it("colorize run over --max-memory: one line naming the estimate, the limit and the flag", async () => {
    const big = join(dir, "big.png");
    writeFileSync(big, claimingPng(5000, 5000));
    const r = await runCli(["run", big, "--max-memory", "2000"]);
    // Not the decoder's complaint (a corrupt header): the file was never decoded.
    expectOneLine(
      r,
      /^colorize: .*big\.png is 5000x5000: running knn on it needs about 4071 MiB, above the memory limit of 2000 MiB \(--max-memory\); raise it with --max-memory MIB or use a smaller image$/,
    );
    expect(readdirSync(dir)).toEqual(["big.png"]);
  });

  it("by default the limit is 75 % of the machine's memory", async () => {
    const huge = join(dir, "huge.png");
    writeFileSync(huge, claimingPng(40000, 40000));
    const r = await runCli(["run", huge, "--max-megapixels", "2000", "--agent", "knn,rgb-mlp"]);
    expectOneLine(
      r,
      /running knn, rgb-mlp on it needs about \d+ MiB, above the memory limit of \d+ MiB \(75 % of this machine's memory\)/,
    );
  });

  it("colorize eval: every header is read before any unit, and the hint is --jobs 1", async () => {
    const imgs = tempDir();
    writeTestPng(imgs, "small.png", 40, 20);
    writeFileSync(join(imgs, "large.png"), claimingPng(3000, 2000));
    const r = await runCli(["eval", imgs, "--agents", "knn", "--jobs", "2", "--max-memory", "1500"]);
    expectOneLine(
      r,
      /^colorize: evaluating 2 unit\(s\) at once of up to 3000x2000 \(.*large\.png\) needs about \d+ MiB, above the memory limit of 1500 MiB \(--max-memory\); raise it with --max-memory MIB, or use --jobs 1$/,
    );
  });
});

describe("memory: train and apply refuse, from the header, work estimated above --max-memory", () => {
  it("colorize train: the whole photograph is the training band, so twice a run's estimate; --region left is a run's", async () => {
    const dir = tempDir();
    const big = join(dir, "big.png");
    writeFileSync(big, claimingPng(5000, 5000));
    const all = await runCli(["train", big, "--max-memory", "5000"]);
    expectOneLine(
      all,
      /^colorize: .*big\.png is 5000x5000: training knn on it needs about 7886 MiB, above the memory limit of 5000 MiB \(--max-memory\); raise it with --max-memory MIB, use --region left or a smaller photograph$/,
    );
    const left = await runCli(["train", big, "--region", "left", "--max-memory", "2000"]);
    expectOneLine(left, /training knn on it needs about 4071 MiB, above the memory limit of 2000 MiB/);
    // Under the limit the header passes and the decoder is what refuses the broken file.
    const passed = await runCli(["train", big, "--region", "left", "--max-memory", "5000"]);
    expect(passed.code).toBe(2);
    expect(passed.stderr).not.toMatch(/memory limit/);
    expect(readdirSync(dir)).toEqual(["big.png"]);
  });

  it("colorize apply: a run's estimate for the saved agent's kind on the gray photograph", async () => {
    const dir = tempDir();
    const snapshot = join(dir, "small.agent.json");
    const trained = await runCli(["train", writeTestPng(dir, "small.png", 40, 20), "--save", snapshot]);
    expect(trained.code, trained.stderr).toBe(0);
    const big = join(dir, "big.png");
    writeFileSync(big, claimingPng(5000, 5000));
    const r = await runCli(["apply", snapshot, big, "--max-memory", "2000"]);
    expectOneLine(
      r,
      /^colorize: .*big\.png is 5000x5000: colouring it needs about 4071 MiB, above the memory limit of 2000 MiB \(--max-memory\); raise it with --max-memory MIB or use a smaller image$/,
    );
    expect(readdirSync(dir).sort()).toEqual(["big.png", "small.agent.json", "small.png"]);
  });
});

const LARGE = join(process.cwd(), "..", "..", "..", "shared", "images", "large", "kodak-mosaic-12mp.jpg");
const PROGRAM = pathToFileURL(join(process.cwd(), "dist", "program.js")).href;
/** The limit of the real run: small enough that its largest image takes seconds, not minutes. */
const LIMIT_MIB = 400;

describe.skipIf(!existsSync(LARGE))("memory: the largest photograph a limit allows runs within it", () => {
  it(`the basic agent on the largest crop of a 12 MP photograph that --max-memory ${LIMIT_MIB} allows peaks below ${LIMIT_MIB} MiB; one a little larger is refused`, async () => {
    const limit = LIMIT_MIB * MiB;
    const pixels = largestRunPixels(limit, BASIC);
    const height = 1000;
    const width = Math.floor(pixels / height);
    expect(estimateRunBytes(width * height, BASIC)).toBeLessThanOrEqual(limit);
    expect(estimateRunBytes((width + 1) * height, BASIC)).toBeGreaterThan(limit);

    const photo = await readImage(LARGE);
    const dir = tempDir();
    const crop = (w: number) => {
      const data = new Uint8Array(w * height * 3);
      for (let y = 0; y < height; y++)
        data.set(photo.data.subarray(y * photo.width * 3, (y * photo.width + w) * 3), y * w * 3);
      const path = join(dir, `crop-${w}.png`);
      writeFileSync(path, encodePng({ width: w, height, data }));
      return path;
    };
    const fits = crop(width);
    // A child process that runs the CLI and reports its own peak resident memory.
    const wrapper = join(dir, "peak.mjs");
    writeFileSync(
      wrapper,
      `const { main } = await import(${JSON.stringify(PROGRAM)});
const code = await main(process.argv.slice(2));
process.stderr.write("peak-kib " + process.resourceUsage().maxRSS + "\\n");
process.exit(code);
`,
    );
    const args = (path: string) => [
      wrapper,
      "run",
      path,
      "--out",
      `${path}.out.png`,
      "--max-memory",
      String(LIMIT_MIB),
    ];
    const run = spawnSync(process.execPath, args(fits), {
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    expect(run.status, run.stderr).toBe(0);
    const peakKiB = Number(/peak-kib (\d+)/.exec(run.stderr)?.[1]);
    expect(peakKiB * 1024).toBeLessThanOrEqual(limit);
    expect(existsSync(`${fits}.out.png`)).toBe(true);

    const over = spawnSync(process.execPath, args(crop(width + 2)), { encoding: "utf8" });
    expect(over.status).toBe(2);
    expect(over.stderr).toMatch(/above the memory limit of 400 MiB \(--max-memory\)/);
  }, 600_000);
});
