import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cropColumns, grayOf, splitColumn, toGray } from "@colorize/core";
import { decodeImage, encodePng } from "@colorize/image-io";
import { buildPng } from "@colorize/image-io/testing";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTestPng } from "../testing/harness.js";

const listed = JSON.parse((await runCli(["plugins", "--json"])).stdout) as { name: string; output: string }[];
const AGENTS = listed.map((p) => p.name);

/** A photograph with texture and several colours, and the two halves of the split. */
function photograph(dir: string) {
  const path = writeTestPng(dir, "photo.png", 44, 20, 7);
  const image = decodeImage(readFileSync(path));
  const c = splitColumn(image.width);
  const right = join(dir, "right.png");
  writeFileSync(right, encodePng(cropColumns(image, c, image.width)));
  return { path, image, c, right };
}

/** Writes a gray PNG of the given depth from float gray values scaled to its samples. */
function grayPng(path: string, width: number, height: number, samples: number[], bitDepth: 8 | 16): string {
  writeFileSync(path, buildPng({ width, height, bitDepth, colorType: 0, samples }));
  return path;
}

describe("colorize apply: a snapshot of a left half applied to the right half, saved as its own file", () => {
  for (const agent of AGENTS) {
    it(`reproduces colorize run's right half byte for byte (${agent})`, async () => {
      const dir = tempDir();
      const { path, c, right } = photograph(dir);
      const run = await runCli([
        "run",
        path,
        "--agent",
        agent,
        "--seed",
        "2",
        "--k",
        "4",
        "--out",
        join(dir, "run.png"),
      ]);
      expect(run.code).toBe(0);
      const snap = join(dir, "a.json");
      const args = [
        "train",
        path,
        "--agent",
        agent,
        "--region",
        "left",
        "--seed",
        "2",
        "--k",
        "4",
        "--save",
        snap,
      ];
      expect((await runCli(args)).code).toBe(0);
      const applied = await runCli(["apply", snap, right, "--out", join(dir, "applied.png")]);
      expect(applied.code).toBe(0);
      const whole = decodeImage(readFileSync(join(dir, "run.png")));
      const mine = decodeImage(readFileSync(join(dir, "applied.png")));
      expect(Buffer.from(mine.data).equals(Buffer.from(cropColumns(whole, c, whole.width).data))).toBe(true);
    });
  }
});

describe("colorize apply", () => {
  const dir = tempDir();
  const { path, image, c, right } = photograph(dir);
  const knn = join(dir, "knn.json");
  const rgb = join(dir, "rgb.json");
  const rgbName = listed.find((p) => p.output === "rgb")!.name;
  const ready = Promise.all([
    runCli(["train", path, "--save", knn]),
    runCli(["train", path, "--agent", rgbName, "--save", rgb]),
  ]);
  const truthGray = toGray(cropColumns(image, c, image.width));
  const w = image.width - c;

  it("writes NAME.colorized.png beside the photograph, and a numbered copy when that exists, as run does", async () => {
    await ready;
    const sub = tempDir();
    const photo = join(sub, "old.png");
    writeFileSync(photo, readFileSync(right));
    for (const name of ["old.colorized.png", "old.colorized-2.png"]) {
      const r = await runCli(["apply", knn, photo]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`wrote .*${name.replace(/\./g, "\\.")}`));
    }
    expect(readdirSync(sub).sort()).toEqual(["old.colorized-2.png", "old.colorized.png", "old.png"]);
    expect(readFileSync(join(sub, "old.colorized.png"))).toEqual(
      readFileSync(join(sub, "old.colorized-2.png")),
    );
  });

  it("same snapshot and same input give the same bytes", async () => {
    await ready;
    for (const snap of [knn, rgb]) {
      expect((await runCli(["apply", snap, right, "--out", join(dir, "x1.png"), "--force"])).code).toBe(0);
      expect((await runCli(["apply", snap, right, "--out", join(dir, "x2.png"), "--force"])).code).toBe(0);
      expect(readFileSync(join(dir, "x1.png"))).toEqual(readFileSync(join(dir, "x2.png")));
    }
  });

  it("reads 8-bit and 16-bit gray PNGs; an 8-bit gray file colours as the same gray in RGB; an RGB agent keeps the input's gray", async () => {
    await ready;
    const g8 = [...truthGray.data].map(Math.round);
    const gray8 = grayPng(join(dir, "g8.png"), w, image.height, g8, 8);
    const rgb8 = join(dir, "rgb8.png");
    writeFileSync(
      rgb8,
      encodePng({ width: w, height: image.height, data: Uint8Array.from(g8.flatMap((v) => [v, v, v])) }),
    );
    for (const [src, out] of [
      [gray8, "a.png"],
      [rgb8, "b.png"],
    ])
      expect((await runCli(["apply", knn, src, "--out", join(dir, out)])).code).toBe(0);
    expect(readFileSync(join(dir, "a.png"))).toEqual(readFileSync(join(dir, "b.png")));
    const g16 = [...truthGray.data].map((g) => Math.round(g * 257) + 37);
    const gray16 = grayPng(join(dir, "g16.png"), w, image.height, g16, 16);
    const r = await runCli(["apply", rgb, gray16, "--out", join(dir, "c.png"), "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).image.source).toEqual({
      format: "png",
      channels: "gray",
      bitDepth: 16,
      alpha: false,
    });
    const out = decodeImage(readFileSync(join(dir, "c.png")));
    for (let i = 0; i < g16.length; i++) {
      const g = grayOf(out.data[i * 3], out.data[i * 3 + 1], out.data[i * 3 + 2]);
      expect(Math.abs(g - Math.min(255, g16[i] / 257))).toBeLessThanOrEqual(0.5);
    }
  });

  it("--truth prints the score table and --json the document with the metrics", async () => {
    await ready;
    const truth = join(dir, "right.png");
    const t = await runCli(["apply", knn, right, "--truth", truth, "--out", join(dir, "t.png")]);
    expect(t.code).toBe(0);
    expect(t.stdout.split("\n")[0]).toMatch(
      /^agent\s+acc\s+RMSE\s+PSNR dB\s+SSIM\s+ΔE00\s+AuC ab\s+M3\s+seconds\s+backend$/,
    );
    expect(
      t.stdout
        .trim()
        .split("\n")
        .slice(2)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(["knn", "gray", "palette-ceiling"]);
    const j = await runCli(["apply", rgb, right, "--truth", truth, "--json", "--out", join(dir, "j.png")]);
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout);
    expect(Object.keys(doc)).toEqual([
      "snapshot",
      "image",
      "options",
      "gray",
      "onOwnGray",
      "bands",
      "backend",
      "seconds",
      "truth",
      "metrics",
      "baselines",
      "output",
    ]);
    expect(doc.truth.grayDifference).toBe(0);
    expect(doc.metrics.deltaE2000).toBeLessThan(doc.baselines.gray.deltaE2000);
    expect(doc.baselines.paletteCeiling.labelAccuracy).toBe(1);
  });

  it("--match-gray matches at the reference's statistics and keeps the photograph's own gray", async () => {
    await ready;
    const dim = [...truthGray.data].map((g) => Math.round(30 + g * 0.4));
    const src = grayPng(join(dir, "dim.png"), w, image.height, dim, 8);
    const r = await runCli(["apply", rgb, src, "--match-gray", "--json", "--out", join(dir, "m.png")]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const train = JSON.parse(readFileSync(rgb, "utf8")).training.gray;
    expect(doc.gray.matched).toEqual(train);
    expect(doc.onOwnGray).toBe(true);
    const out = decodeImage(readFileSync(join(dir, "m.png")));
    for (let i = 0; i < dim.length; i++)
      expect(
        Math.abs(grayOf(out.data[i * 3], out.data[i * 3 + 1], out.data[i * 3 + 2]) - dim[i]),
      ).toBeLessThanOrEqual(0.5);
  });
});

describe("colorize apply refuses, with one line, exit 2 and nothing written", () => {
  const dir = tempDir();
  const { path, right } = photograph(dir);
  const good = join(dir, "good.json");
  const ready = runCli(["train", path, "--save", good]);
  /** A copy of the good snapshot changed by `edit`, written with a valid checksum. */
  const variant = async (name: string, edit: (doc: any) => void): Promise<string> => {
    await ready;
    const text = readFileSync(good, "utf8");
    const doc = JSON.parse(text);
    delete doc.checksum;
    edit(doc);
    const { snapshotText } = await import("@colorize/runtime");
    const file = join(dir, name);
    writeFileSync(file, snapshotText(doc));
    return file;
  };
  const noRestore = join(dir, "no-restore.mjs");
  writeFileSync(
    noRestore,
    `export default { meta: { name: "colorize-plugin-norestore", version: "1.0.0", kind: "agent", description: { summary: "no restore" } },
  capabilities: { output: "label", backends: ["js"], gradients: false, iterative: false }, params: {},
  create: () => ({ fit: async () => ({}), predict: async (t) => ({ rgb: new Uint8Array(t.width * t.height * 3), labels: new Uint8Array(t.width * t.height), backend: "js" }), toJSON: () => ({ plugin: "colorize-plugin-norestore", version: "1.0.0", config: {}, state: {} }) }) };\n`,
  );

  const cases: [string, () => Promise<string[]>, RegExp][] = [
    [
      "a truncated snapshot",
      async () => {
        await ready;
        const text = readFileSync(good, "utf8");
        writeFileSync(join(dir, "cut.json"), text.slice(0, text.length >> 1));
        return ["apply", join(dir, "cut.json"), right];
      },
      /cut\.json: truncated agent snapshot/,
    ],
    [
      "a corrupt snapshot",
      async () => {
        await ready;
        const text = readFileSync(good, "utf8");
        const at = text.indexOf('"base64":"') + 30;
        writeFileSync(
          join(dir, "bad.json"),
          text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1),
        );
        return ["apply", join(dir, "bad.json"), right];
      },
      /bad\.json: corrupt agent snapshot \(its checksum does not match/,
    ],
    [
      "a snapshot of another plugin version",
      async () => [
        "apply",
        await variant("old.json", (d) => {
          d.plugin.version = "0.0.1";
          d.agent.version = "0.0.1";
        }),
        right,
      ],
      /saved by @colorize\/plugin-knn 0\.0\.1; the installed 0\.1\.0 cannot restore it/,
    ],
    [
      "a palette of another size than its model's",
      async () => ["apply", await variant("pal.json", (d) => d.palette.pop()), right],
      /the palette has 4 colours but the agent was trained with 5/,
    ],
    [
      "a plugin that is not installed",
      async () => [
        "apply",
        await variant("gone.json", (d) => {
          d.plugin.name = "@colorize/plugin-gone";
          d.agent.plugin = "@colorize/plugin-gone";
        }),
        right,
      ],
      /plugin-gone, which is not installed/,
    ],
    [
      "a plugin without restore",
      async () => [
        "--plugin",
        noRestore,
        "apply",
        await variant("norestore.json", (d) => {
          d.plugin = { name: "colorize-plugin-norestore", version: "1.0.0", output: "label" };
          d.agent = { plugin: "colorize-plugin-norestore", version: "1.0.0", config: {}, state: {} };
          d.config = {};
        }),
        right,
      ],
      /plugin colorize-plugin-norestore cannot restore agents \(it has no restore\)/,
    ],
    [
      "training a plugin without restore",
      async () => [
        "--plugin",
        noRestore,
        "train",
        path,
        "--agent",
        "norestore",
        "--save",
        join(dir, "n.json"),
      ],
      /cannot restore agents \(it has no restore\), so its agents cannot be saved/,
    ],
    [
      "a file that is not a snapshot",
      async () => ["apply", path, right],
      /photo\.png: not an agent snapshot \(not JSON\)/,
    ],
    ["a missing snapshot", async () => ["apply", join(dir, "none.json"), right], /none\.json: no such file/],
    [
      "a truth of another size",
      async () => {
        await ready;
        return ["apply", good, right, "--truth", path];
      },
      /--truth .*photo\.png is 44x20, the photograph 22x20/,
    ],
    [
      "an output that exists",
      async () => {
        writeFileSync(join(dir, "kept.png"), "keep me");
        return ["apply", good, right, "--out", join(dir, "kept.png")];
      },
      /kept\.png exists; choose another --out or pass --force/,
    ],
    [
      "the photograph as output",
      async () => ["apply", good, right, "--out", right, "--force"],
      /the output path is the input image/,
    ],
    [
      "the snapshot as output",
      async () => ["apply", good, right, "--out", good, "--force"],
      /is an input of this command/,
    ],
    [
      "a photograph that is not an image",
      async () => ["apply", good, good],
      /good\.json: not a PNG or JPEG image/,
    ],
  ];
  for (const [what, args, msg] of cases) {
    it(what, async () => {
      const argv = await args();
      const before = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^colorize: /);
      expect(lines[0]).toMatch(msg);
      expect(readdirSync(dir).sort()).toEqual([...before.keys()].sort());
      for (const [f, bytes] of before) expect(readFileSync(join(dir, f)), f).toEqual(bytes);
    });
  }
});
