import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBin, runCli, tempDir, writeTestPng } from "./testing/harness.js";

/** A 32x32 baseline JPEG (the image-io package's fixture): SOI, APP0, DQT, SOF0, DHT, SOS, scan, EOI. */
const BASE = readFileSync(new URL("../../../packages/image-io/fixtures/base.jpg", import.meta.url));
const SOF = BASE.indexOf(Buffer.from([0xff, 0xc0]));
const SOS = BASE.indexOf(Buffer.from([0xff, 0xda]));

/** The fixture with its frame header claiming `width x height`. */
function sized(width: number, height: number): Buffer {
  const out = Buffer.from(BASE);
  out.writeUInt16BE(height, SOF + 5);
  out.writeUInt16BE(width, SOF + 7);
  return out;
}

const TRUNCATED = /: truncated JPEG \(the file ends before the end-of-image marker\)$/;

/** [what, file name, bytes, extra arguments, the one line expected]. */
const CASES: [string, string, Buffer, string[], RegExp][] = [
  ["cut right after the start-of-image marker", "soi.jpg", BASE.subarray(0, 2), [], TRUNCATED],
  ["cut inside the segments before the frame header", "tables.jpg", BASE.subarray(0, SOF - 3), [], TRUNCATED],
  ["cut inside the frame header", "sof.jpg", BASE.subarray(0, SOF + 6), [], TRUNCATED],
  ["cut before the scan header", "before-scan.jpg", BASE.subarray(0, SOS), [], TRUNCATED],
  ["cut inside the scan header", "scan-header.jpg", BASE.subarray(0, SOS + 5), [], TRUNCATED],
  ["cut halfway through the scan", "half.jpg", BASE.subarray(0, BASE.length >> 1), [], TRUNCATED],
  ["without its end-of-image marker", "no-eoi.jpg", BASE.subarray(0, BASE.length - 2), [], TRUNCATED],
  ["one byte short", "short.jpg", BASE.subarray(0, BASE.length - 1), [], TRUNCATED],
  [
    "a frame header giving width 0",
    "zero.jpg",
    sized(0, 0),
    [],
    /zero\.jpg: corrupt JPEG \(frame header gives width 0\)$/,
  ],
  [
    "a frame header claiming 65535x65535, the largest a JPEG can declare",
    "huge.jpg",
    sized(65535, 65535),
    [],
    /huge\.jpg is 65535x65535 \(4295 megapixels\), above the limit of 50 megapixels; raise it with --max-megapixels$/,
  ],
  [
    "the same with the pixel limit raised: the memory estimate refuses it, still from the header",
    "huge-raised.jpg",
    sized(65535, 65535),
    ["--max-megapixels", "5000"],
    /huge-raised\.jpg is 65535x65535: running knn on it needs about \d+ MiB, above the memory limit of \d+ MiB .*; raise it with --max-memory MIB or use a smaller image$/,
  ],
  [
    "a 65535x8 frame (under the pixel limit) whose scan is far too short",
    "wide.jpg",
    sized(65535, 8),
    [],
    /wide\.jpg: corrupt JPEG \(scan 1 has \d+ bytes, too few for the 24576 blocks of a 65535x8 frame\)$/,
  ],
  [
    "a 7000x7000 frame (49 megapixels, under every limit) whose scan is far too short",
    "big.jpg",
    sized(7000, 7000),
    ["--max-memory", "1000000"],
    /big\.jpg: corrupt JPEG \(scan 1 has \d+ bytes, too few for the \d+ blocks of a 7000x7000 frame\)$/,
  ],
];

describe("bad JPEGs through colorize run: exit 2, one colorize: line, nothing written", () => {
  for (const [what, name, bytes, extra, message] of CASES) {
    it(what, async () => {
      const dir = tempDir();
      const input = join(dir, name);
      writeFileSync(input, bytes);
      const r = await runCli(["run", input, ...extra]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^colorize: /);
      expect(lines[0]).toMatch(message);
      // Nothing beside the input, and the input untouched.
      expect(readdirSync(dir)).toEqual([name]);
      expect(readFileSync(input).equals(bytes)).toBe(true);
    });
  }

  it("the built binary prints the same line, without a stack trace", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "huge.jpg"), sized(65535, 65535));
    writeFileSync(join(dir, "half.jpg"), BASE.subarray(0, BASE.length >> 1));
    for (const name of ["huge.jpg", "half.jpg"]) {
      const r = runBin(["run", join(dir, name)]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
    expect(readdirSync(dir).sort()).toEqual(["half.jpg", "huge.jpg"]);
  });
});

describe("bad JPEGs through colorize eval: exit 2, one error line, no results folder", () => {
  const picked = CASES.filter(([, name]) => ["half.jpg", "zero.jpg", "huge.jpg", "wide.jpg"].includes(name));
  for (const [what, name, bytes, extra, message] of picked) {
    it(what, async () => {
      const dir = tempDir();
      const input = join(dir, name);
      writeFileSync(input, bytes);
      const out = join(dir, "results");
      const r = await runCli([
        "eval",
        input,
        "--out-dir",
        out,
        "--k-study",
        "none",
        "--sweep",
        "none",
        ...extra,
      ]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe("");
      // Refused before any unit starts: exactly one line, no progress.
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^colorize: /);
      expect(lines[0]).toMatch(message);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir)).toEqual([name]);
    });
  }

  it("a broken photograph after good ones is refused before the first unit starts; so is a pair's", async () => {
    const dir = tempDir();
    const good = writeTestPng(dir, "a-good.png", 40, 20);
    const bad = join(dir, "z-half.jpg");
    writeFileSync(bad, BASE.subarray(0, BASE.length >> 1));
    const out = join(dir, "results");
    for (const args of [
      [dir, "--jobs", "1"],
      ["--pairs", `${good}=${bad}`],
    ]) {
      const r = await runCli(["eval", ...args, "--out-dir", out, "--k-study", "none", "--sweep", "none"]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/z-half\.jpg: truncated JPEG/)]);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe("bad JPEGs through colorize train and apply: exit 2, one colorize: line, nothing written", () => {
  let snapshot = "";
  beforeAll(async () => {
    const dir = tempDir();
    snapshot = join(dir, "basic.agent.json");
    const r = await runCli(["train", writeTestPng(dir), "--save", snapshot]);
    expect(r.code, r.stderr).toBe(0);
  });
  // The memory refusal names what each command would do with the photograph.
  const doing = { train: "training knn on it", apply: "colouring it" } as const;
  for (const command of ["train", "apply"] as const) {
    const cases = CASES.map(([what, name, bytes, extra, message]): (typeof CASES)[number] => [
      what,
      name,
      bytes,
      extra,
      name === "huge-raised.jpg"
        ? new RegExp(
            `huge-raised\\.jpg is 65535x65535: ${doing[command]} needs about \\d+ MiB, above the memory limit of \\d+ MiB .*; raise it with --max-memory MIB`,
          )
        : message,
    ]);
    for (const [what, name, bytes, extra, message] of cases) {
      it(`${command}: ${what}`, async () => {
        const dir = tempDir();
        const input = join(dir, name);
        writeFileSync(input, bytes);
        const r = await runCli(
          command === "train" ? ["train", input, ...extra] : ["apply", snapshot, input, ...extra],
        );
        expect(r.code, r.stderr).toBe(2);
        expect(r.stdout).toBe("");
        const lines = r.stderr.trimEnd().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^colorize: /);
        expect(lines[0]).toMatch(message);
        expect(readdirSync(dir)).toEqual([name]);
      });
    }
  }
});
