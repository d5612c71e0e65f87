import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeImage } from "@colorize/image-io";
import { writeFixturePlugin } from "@colorize/runtime/testing";
import { describe, expect, it, onTestFinished } from "vitest";
import { basicAgent } from "./commands/run.js";
import { runBin, runCli, tempDir, writeTestPng } from "./testing/harness.js";

const METRIC_KEYS = ["labelAccuracy", "rmse", "psnr", "ssim", "deltaE2000", "aucAb", "colorfulness"];

describe("colorize run", () => {
  it("writes NAME.colorized.png beside the input and prints the score table", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir);
    const r = await runCli(["run", input]);
    expect(r.stderr).toMatch(/wrote .*photo\.colorized\.png/);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /^agent\s+acc\s+RMSE\s+PSNR dB\s+SSIM\s+ΔE00\s+AuC ab\s+M3\s+seconds\s+backend$/,
    );
    expect(lines.slice(2).map((l) => l.split(/\s+/)[0])).toEqual(["knn", "gray", "palette-ceiling"]);
    const out = decodeImage(readFileSync(join(dir, "photo.colorized.png")));
    expect([out.width, out.height]).toEqual([24, 12]);
    expect(readdirSync(dir).sort()).toEqual(["photo.colorized.png", "photo.png"]);
  });

  it("warms each agent's plugin (Plugin.warm) once the header is accepted, never for a refused image", async () => {
    const dir = tempDir();
    const warmFile = join(dir, "warmed.txt");
    const fx = writeFixturePlugin({ name: "@colorize/plugin-warmed", warmFile });
    onTestFinished(() => fx.dispose());
    const input = writeTestPng(dir);
    const agent = ["--plugin", fx.dir, "--agent", "warmed", "--param", "shift=7"];
    const refused = await runCli(["run", input, ...agent, "--max-megapixels", "0.0001"]);
    expect(refused.code).toBe(2);
    expect(existsSync(warmFile)).toBe(false);
    const r = await runCli(["run", input, ...agent, "--out", join(dir, "o.png")]);
    expect(r.code).toBe(0);
    expect(readFileSync(warmFile, "utf8")).toBe("warm 7\n");
  });

  it("--json prints exactly one document with the documented shape", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir, "p.png", 25, 9);
    const out = join(dir, "o.png");
    const r = await runCli(["run", input, "--json", "--out", out, "--k", "3", "--seed", "2"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual([
      "image",
      "split",
      "palette",
      "kmeansBackend",
      "agents",
      "baselines",
      "errors",
      "output",
    ]);
    expect(doc.kmeansBackend).toBe("js");
    expect(doc.image).toMatchObject({ width: 25, height: 9 });
    expect(doc.split.column).toBe(12);
    expect(doc.palette).toHaveLength(3);
    expect(doc.agents[0].name).toBe("knn");
    expect(Object.keys(doc.agents[0].metrics)).toEqual(METRIC_KEYS);
    expect(typeof doc.agents[0].seconds).toBe("number");
    expect(typeof doc.agents[0].backend).toBe("string");
    expect(Object.keys(doc.baselines)).toEqual(["gray", "paletteCeiling"]);
    expect(doc.baselines.paletteCeiling.labelAccuracy).toBe(1);
    expect(doc.output).toBe(out);
  });

  it("--palette fixes the palette, inline or from a file, and the same seed gives the same result", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir);
    const pal = "[[0,0,0],[70,130,230],[40,160,40]]";
    writeFileSync(join(dir, "pal.json"), pal);
    const a = await runCli(["run", input, "--json", "--palette", pal, "--out", join(dir, "a.png")]);
    const b = await runCli([
      "run",
      input,
      "--json",
      "--palette",
      join(dir, "pal.json"),
      "--out",
      join(dir, "b.png"),
    ]);
    expect(JSON.parse(a.stdout).palette).toEqual(JSON.parse(pal));
    expect(JSON.parse(a.stdout).agents[0].metrics).toEqual(JSON.parse(b.stdout).agents[0].metrics);
    expect(readFileSync(join(dir, "a.png"))).toEqual(readFileSync(join(dir, "b.png")));
  });

  it("runs the plugin of the basic role when no agent is named, and says so when there is none", () => {
    expect(() => basicAgent([])).toThrow(
      "no plugin declares the basic role; name an agent with --agent (known: none)",
    );
  });

  it("never overwrites without --force, and never the input", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir);
    const out = join(dir, "taken.png");
    writeFileSync(out, "keep me");
    const r = await runCli(["run", input, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^colorize: .*exists.*--force/);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    expect((await runCli(["run", input, "--out", out, "--force"])).code).toBe(0);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe("PNG");
    const before = readFileSync(input);
    const same = await runCli(["run", input, "--out", input, "--force"]);
    expect(same.code).toBe(2);
    expect(readFileSync(input)).toEqual(before);
  });
});

/** A 32x32 baseline JPEG (the image-io package's fixture). */
const BASE_JPG = readFileSync(new URL("../../../packages/image-io/fixtures/base.jpg", import.meta.url));

/** A JPEG whose frame header (SOF0 here, the first 0xFFC0) claims another size. */
function withJpegSize(bytes: Uint8Array, width: number, height: number): Buffer {
  const out = Buffer.from(bytes);
  const sof = out.indexOf(Buffer.from([0xff, 0xc0]));
  out.writeUInt16BE(height, sof + 5);
  out.writeUInt16BE(width, sof + 7);
  return out;
}

describe("bad input: one line, exit 2, nothing written", () => {
  const dir = tempDir();
  const good = writeTestPng(dir, "good.png");
  const cases: [string, () => string[], RegExp][] = [
    ["a missing file", () => ["run", join(dir, "missing.png")], /missing\.png/],
    [
      "a directory",
      () => {
        mkdirSync(join(dir, "folder.png"), { recursive: true });
        return ["run", join(dir, "folder.png")];
      },
      /director/,
    ],
    [
      "an empty file",
      () => {
        writeFileSync(join(dir, "empty.png"), "");
        return ["run", join(dir, "empty.png")];
      },
      /empty/,
    ],
    [
      "not an image",
      () => {
        writeFileSync(join(dir, "text.png"), "hello, world\n");
        return ["run", join(dir, "text.png")];
      },
      /not a PNG or JPEG/,
    ],
    [
      "a truncated PNG",
      () => {
        const b = readFileSync(good);
        writeFileSync(join(dir, "cut.png"), b.subarray(0, b.length >> 1));
        return ["run", join(dir, "cut.png")];
      },
      /truncated|corrupt/,
    ],
    [
      "a header claiming 100000x100000",
      () => {
        const b = Buffer.from(readFileSync(good));
        b.writeUInt32BE(100000, 16);
        b.writeUInt32BE(100000, 20);
        writeFileSync(join(dir, "huge.png"), b);
        return ["run", join(dir, "huge.png")];
      },
      /100000x100000/,
    ],
    [
      "a truncated JPEG",
      () => {
        writeFileSync(join(dir, "cut.jpg"), BASE_JPG.subarray(0, BASE_JPG.length >> 1));
        return ["run", join(dir, "cut.jpg")];
      },
      /cut\.jpg: truncated JPEG \(the file ends before the end-of-image marker\)$/,
    ],
    [
      "a JPEG header claiming 60000x60000",
      () => {
        writeFileSync(join(dir, "huge.jpg"), withJpegSize(BASE_JPG, 60000, 60000));
        return ["run", join(dir, "huge.jpg")];
      },
      /huge\.jpg is 60000x60000 \(3600 megapixels\), above the limit of 50 megapixels; raise it with --max-megapixels$/,
    ],
    [
      "a JPEG claiming more pixels than its scans can hold",
      () => {
        writeFileSync(join(dir, "inflated.jpg"), withJpegSize(BASE_JPG, 4000, 3000));
        return ["run", join(dir, "inflated.jpg")];
      },
      /inflated\.jpg: corrupt JPEG \(scan 1 has \d+ bytes, too few for the \d+ blocks of a 4000x3000 frame\)$/,
    ],
    [
      "a JPEG over --max-megapixels",
      () => {
        writeFileSync(join(dir, "big.jpg"), BASE_JPG);
        return ["run", join(dir, "big.jpg"), "--max-megapixels", "0.001"];
      },
      /big\.jpg is 32x32 \(0\.001024 megapixels\), above the limit of 0\.001 megapixels/,
    ],
    [
      "an image narrower than 6",
      () => ["run", writeTestPng(dir, "narrow.png", 5, 8)],
      /5x8, smaller than the minimum of 6x3/,
    ],
    [
      "an image shorter than 3",
      () => ["run", writeTestPng(dir, "short.png", 10, 2)],
      /10x2, smaller than the minimum of 6x3/,
    ],
    ["an unknown agent", () => ["run", good, "--agent", "nope"], /unknown agent nope/],
    ["a bad palette", () => ["run", good, "--palette", "[[1,2]]"], /palette/],
    ["a palette that is not JSON", () => ["run", good, "--palette", "[oops"], /palette/],
    ["a bad k", () => ["run", good, "--k", "0"], /--k must be an integer/],
    ["a bad parameter", () => ["run", good, "--param", "neighbours=0"], /neighbours must be >= 1/],
    [
      "parameters an agent cannot train with together",
      () => ["run", good, "--agent", "rgb-mlp", "--param", "loss=ciede2000", "--param", "luminance=free"],
      /loss ciede2000 needs luminance exact/,
    ],
    ["an unknown option", () => ["run", good, "--frobnicate"], /unknown option/],
  ];
  for (const [what, args, msg] of cases) {
    it(what, async () => {
      const argv = args();
      const before = readdirSync(dir).sort();
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^colorize: /);
      expect(lines[0]).toMatch(msg);
      // Nothing at all is written: the folder holds exactly what the case put there.
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }
});

describe("the built binary", () => {
  it("exits 2 with one line and no stack trace, and prints stacks only with --debug", () => {
    const r = runBin(["run", "/nonexistent/photo.png"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const d = runBin(["run", "/nonexistent/photo.png", "--debug"]);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/\bat .*\.js:\d+/);
  });
  it("lists plugins as JSON", () => {
    const r = runBin(["plugins", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as {
      name: string;
      kind: string;
      role: string | null;
      params: Record<string, { default: unknown }>;
      study: { param: string; sweep: number[] } | null;
    }[];
    const knn = list.find((p) => p.name === "knn")!;
    expect(knn.kind).toBe("agent");
    expect(knn.role).toBe("basic");
    expect(knn.study).toEqual({ param: "neighbours", sweep: [1, 2, 4, 6, 8, 12, 16] });
    expect(list.filter((p) => p.role === "basic").map((p) => p.name)).toEqual(["knn"]);
    expect(knn.params.neighbours.default).toBe(6);
    expect(knn.params.patchSize.default).toBe(3);
  });
});

const SHARED = join(process.cwd(), "..", "..", "..", "shared", "images");
describe.skipIf(!existsSync(SHARED))("real photographs", () => {
  it("colours chelsea.png end to end", async () => {
    const dir = tempDir();
    const out = join(dir, "chelsea.png");
    const r = await runCli(["run", join(SHARED, "chelsea.png"), "--json", "--out", out]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.image).toMatchObject({ width: 451, height: 300 });
    expect(doc.split.column).toBe(225);
    // The basic agent must beat painting gray on this photograph by a wide margin.
    expect(doc.agents[0].metrics.deltaE2000).toBeLessThan(doc.baselines.gray.deltaE2000 * 0.7);
    expect(statSync(out).size).toBeGreaterThan(1000);
  });
});

describe("the default photograph", () => {
  // An independent implementation of the basic agent (k = 5, its own k-means palette) scores label
  // accuracy 0.918 and mean ΔE2000 6.46 on coffee.png's right half; gray scores ΔE2000 22.2.
  const ACC_ATOL = 0.01;
  const DE_ATOL = 0.25;
  it("reproduces the reference basic agent's scores on coffee.png", async () => {
    const dir = tempDir();
    const r = await runCli(["run", "--json", "--out", join(dir, "coffee.png")]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.image).toMatchObject({ width: 600, height: 400 });
    expect(Math.abs(doc.agents[0].metrics.labelAccuracy - 0.918)).toBeLessThanOrEqual(ACC_ATOL);
    expect(Math.abs(doc.agents[0].metrics.deltaE2000 - 6.46)).toBeLessThanOrEqual(DE_ATOL);
    expect(Math.abs(doc.baselines.gray.deltaE2000 - 22.2)).toBeLessThanOrEqual(0.05);
  });
});
