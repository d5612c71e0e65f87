import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalAgent, makePlan, runEvaluation } from "./evaluate.js";
import { compareWithBaseline } from "./gate.js";
import { mergeResults, readResults } from "./merge.js";
import type { EvalResults } from "./schema.js";
import { testAgents, writeImages } from "./testing/setup.js";
import { withoutTimings } from "./testing/strip-timings.js";
import { writeOutputs } from "./write-outputs.js";

let images: { dir: string; paths: string[] };
let agents: EvalAgent[];
let fixtureDir: string;
let out: string;
let single: Awaited<ReturnType<typeof runEvaluation>>;
let plan: ReturnType<typeof makePlan>;

beforeAll(async () => {
  images = writeImages();
  ({ agents, fixtureDir } = await testAgents());
  out = mkdtempSync(join(tmpdir(), "colorize-eval-out-"));
  plan = makePlan({
    images: images.paths.map((p) => relative(process.cwd(), p)),
    seeds: [0, 1],
    agents,
    kStudy: [2, 3],
    sweeps: [{ agent: "shifted", param: "shift", values: [0, 5, 10] }],
  });
  single = await runEvaluation({ plan, agents, jobs: 1, artifacts: true });
});
afterAll(() => {
  for (const d of [images.dir, fixtureDir, out]) rmSync(d, { recursive: true, force: true });
});

describe("shards and merge", () => {
  it("merging the three shards of a plan gives the single run's document, timings aside", async () => {
    const shards: EvalResults[] = [];
    for (let index = 1; index <= 3; index++) {
      shards.push((await runEvaluation({ plan, agents, jobs: 1, shard: { index, count: 3 } })).results);
    }
    expect(shards.map((s) => s.units.map((u) => u.unit))).toEqual([[0, 3], [1], [2]]);
    // Through JSON, as merge reads shards from disk.
    const fromDisk = shards.map((s) =>
      JSON.parse(JSON.stringify(s, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v))),
    );
    expect(withoutTimings(mergeResults(fromDisk))).toEqual(withoutTimings(single.results));
  });
  it("refuses missing units, a unit twice, and shards of different plans", async () => {
    const a = (await runEvaluation({ plan, agents, jobs: 1, shard: { index: 1, count: 2 } })).results;
    expect(() => mergeResults([a])).toThrow(/2 unit\(s\) are missing/);
    expect(() => mergeResults([a, a])).toThrow(/appears in two shards/);
    expect(() => mergeResults([a, { ...a, plan: { ...a.plan, k: 6 } }])).toThrow(/different plans/);
  });
});

describe("the gate", () => {
  it("passes on an honest baseline and names each regression on a doctored one", () => {
    const honest = compareWithBaseline(single.results, single.results);
    expect(honest.failures).toEqual([]);
    expect(honest.checked).toBeGreaterThan(0);
    const doctored = structuredClone(single.results) as EvalResults;
    const row = doctored.summary.images[0].agents.find((a) => a.name === "fixture")!;
    (row.metrics.deltaE2000 as { mean: number }).mean *= 0.9;
    const relative = (value: number) => ({
      tolerances: { deltaE2000: { kind: "relative" as const, value } },
    });
    const gate = compareWithBaseline(single.results, doctored, relative(0.02));
    expect(gate.failures).toHaveLength(1);
    expect(gate.failures[0]).toMatch(/^a\.png fixture ΔE00 .* worse than the 2 % tolerance$/);
    // Within the tolerance it passes: 10 % better baseline, 12 % tolerance.
    expect(compareWithBaseline(single.results, doctored, relative(0.12)).failures).toEqual([]);
  });
  it("fails when an agent of the baseline was not evaluated", () => {
    const fewer = structuredClone(single.results) as EvalResults;
    (fewer.summary.images[0] as unknown as { agents: unknown[] }).agents =
      fewer.summary.images[0].agents.filter((a) => a.name !== "knn");
    expect(compareWithBaseline(fewer, single.results).failures).toEqual([
      "a.png knn: in the baseline but not evaluated",
    ]);
  });
});

describe("writeOutputs", () => {
  const inline = (html: string) =>
    [...html.matchAll(/<img ([^>]*)>/g)].map((m) => ({
      src: /src="([^"]+)"/.exec(m[1])![1],
      file: /data-file="([^"]+)"/.exec(m[1])![1],
    }));

  it("writes results.json, results.md, report.html, the full-size pictures and every plot as SVG and PNG", async () => {
    const files = await writeOutputs(out, single.results, single.artifacts);
    for (const f of files) expect(existsSync(join(out, f))).toBe(true);
    // Per image: the original, the gray input, and each of the three agents' output and heat map.
    const pictures = files.filter((f) => f.startsWith("images/"));
    expect(pictures.filter((f) => f.startsWith("images/a-png/")).sort()).toEqual(
      [
        "original",
        "gray",
        "output-knn",
        "heat-knn",
        "output-fixture",
        "heat-fixture",
        "output-shifted",
        "heat-shifted",
      ]
        .map((n) => `images/a-png/${n}.png`)
        .sort(),
    );
    expect(pictures).toHaveLength(2 * 8);
    // Per image: curves of the two fixture agents and the k study; plus one sweep plot.
    const plots = files.filter((f) => f.startsWith("plots/"));
    expect(plots.filter((f) => f.endsWith(".svg"))).toHaveLength(2 * 3 + 1);
    expect(plots.filter((f) => f.endsWith(".png")).sort()).toEqual(
      plots
        .filter((f) => f.endsWith(".svg"))
        .map((f) => f.replace(/svg$/, "png"))
        .sort(),
    );
    const svg = readFileSync(join(out, "plots/a-png-k-study.svg"), "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(">k (palette colours)</text>");

    const html = readFileSync(join(out, "report.html"), "utf8");
    // Every plot inline as the very SVG written beside the page; no picture of a plot.
    for (const f of plots.filter((p) => p.endsWith(".svg")))
      expect(html).toContain(readFileSync(join(out, f), "utf8"));
    // Every picture inline (so the page needs no server), each naming the full-size PNG it shows.
    const imgs = inline(html);
    expect(imgs.length).toBeGreaterThan(0);
    for (const { src, file } of imgs) {
      expect(src).toMatch(/^data:image\/(jpeg|png);base64,/);
      expect(pictures).toContain(file);
    }
    for (const [, href] of html.matchAll(/href="([^"#][^"]*)"/g))
      expect(existsSync(join(out, href)), href).toBe(true);
    expect(html).not.toMatch(/src="(?!data:)/);
    expect(readResults(out).units).toHaveLength(4);
    expect(readFileSync(join(out, "results.md"), "utf8")).toContain("| palette-ceiling |");
    for (const id of ["p1", "p2", "p3", "p4", "p5", "p6"]) expect(html).toContain(`id="${id}"`);
  });

  it("inlines every full-size PNG as it is with report: full", async () => {
    const full = mkdtempSync(join(tmpdir(), "colorize-eval-full-"));
    try {
      await writeOutputs(full, single.results, single.artifacts, { report: "full" });
      const html = readFileSync(join(full, "report.html"), "utf8");
      const imgs = inline(html);
      for (const { src, file } of imgs) {
        expect(src.startsWith("data:image/png;base64,")).toBe(true);
        expect(Buffer.from(src.slice(src.indexOf(",") + 1), "base64")).toEqual(
          readFileSync(join(full, file)),
        );
      }
      // Each picture once: original, gray, and per agent its output and heat map, for both images.
      expect(new Set(imgs.map((i) => i.file)).size).toBe(2 * 8);
    } finally {
      rmSync(full, { recursive: true, force: true });
    }
  });
});
