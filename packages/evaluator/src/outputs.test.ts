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
  it("writes results.json, results.md, report.html and every PNG, each image inlined in the report", async () => {
    const files = await writeOutputs(out, single.results, single.artifacts);
    for (const f of files) expect(existsSync(join(out, f))).toBe(true);
    const pngs = files.filter((f) => f.endsWith(".png"));
    // Per image: outputs + heat map + curves of the two fixture agents + k study; plus one sweep plot.
    expect(pngs).toHaveLength(2 * 5 + 1);
    const html = readFileSync(join(out, "report.html"), "utf8");
    const srcs = [...html.matchAll(/<img src="data:image\/png;base64,([^"]+)"[^>]*data-file="([^"]+)"/g)];
    expect(srcs.map((m) => m[2]).sort()).toEqual([...pngs].sort());
    for (const [, b64, file] of srcs)
      expect(Buffer.from(b64, "base64")).toEqual(readFileSync(join(out, file)));
    expect(html).not.toMatch(/src="(?!data:)/);
    expect(readResults(out).units).toHaveLength(4);
    expect(readFileSync(join(out, "results.md"), "utf8")).toContain("| palette-ceiling |");
    for (const id of ["p1", "p2", "p3", "p4", "p5", "p6"]) expect(html).toContain(`id="${id}"`);
  });
});
