import { rmSync } from "node:fs";
import { relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalAgent, makePlan, runEvaluation } from "./evaluate.js";
import { planUnits } from "./plan.js";
import { testAgents, writeImages } from "./testing/setup.js";
import { withoutTimings } from "./testing/strip-timings.js";

let images: { dir: string; paths: string[] };
let agents: EvalAgent[];
let fixtureDir: string;
beforeAll(async () => {
  images = writeImages();
  ({ agents, fixtureDir } = await testAgents());
});
afterAll(() => {
  rmSync(images.dir, { recursive: true, force: true });
  rmSync(fixtureDir, { recursive: true, force: true });
});

describe("runEvaluation", () => {
  it("scores every agent of a unit on one shared split and palette, with both reference rows", async () => {
    const plan = makePlan({
      images: images.paths.map((p) => relative(process.cwd(), p)),
      seeds: [0, 1],
      agents,
    });
    expect(planUnits(plan).map((u) => [u.unit, u.seed, u.primary])).toEqual([
      [0, 0, true],
      [1, 1, false],
      [2, 0, true],
      [3, 1, false],
    ]);
    const { results, artifacts } = await runEvaluation({ plan, agents, jobs: 1, artifacts: true });
    expect(results.units).toHaveLength(4);
    const u = results.units[0];
    expect(u.width).toBe(40);
    expect(u.split).toEqual({ column: 20, validationColumns: 2 });
    expect(u.agents.map((a) => a.name)).toEqual(["knn", "fixture", "shifted"]);
    // The palette-ceiling row is perfect in label accuracy by definition.
    expect(u.baselines.paletteCeiling.labelAccuracy).toBe(1);
    // The fixture reports a 4-epoch history; the basic agent none.
    expect(u.agents[1].history).toHaveLength(4);
    expect(u.agents[0].history).toEqual([]);
    // Summary: mean and sample sd over the two seeds, by hand.
    const s = results.summary.images[0].agents[0].metrics.deltaE2000;
    const [x, y] = results.units.slice(0, 2).map((r) => r.agents[0].metrics.deltaE2000);
    expect(s.mean).toBeCloseTo((x + y) / 2, 12);
    expect(s.sd).toBeCloseTo(Math.abs(x - y) / Math.SQRT2, 12);
    expect(s.n).toBe(2);
    // Pictures only for the first seed of each image.
    const pictures = (key: string) =>
      ["original", "gray", ...["knn", "fixture", "shifted"].flatMap((a) => [`output-${a}`, `heat-${a}`])].map(
        (n) => `images/${key}/${n}.png`,
      );
    expect(artifacts.map((a) => a.file)).toEqual([...pictures("a-png"), ...pictures("b-png")]);
    expect(results.summary.overall.agents.find((a) => a.name === "shifted")?.beatsBasicOn).toBeTypeOf(
      "number",
    );
  });

  it("gives the same document on worker threads as inline, apart from timings", async () => {
    const plan = makePlan({
      images: images.paths.map((p) => relative(process.cwd(), p)),
      seeds: [3],
      agents,
      kStudy: [2, 3, 4],
      sweeps: [{ agent: "shifted", param: "shift", values: [0, 10] }],
      leakCheck: true,
    });
    const inline = await runEvaluation({ plan, agents, jobs: 1 });
    const workers = await runEvaluation({ plan, agents, jobs: 2 });
    expect(withoutTimings(workers.results)).toEqual(withoutTimings(inline.results));
    expect(inline.results.leaks).toEqual([]);
    expect(inline.results.units[0].leakCheck).toEqual([
      { agent: "knn", identical: true },
      { agent: "fixture", identical: true },
      { agent: "shifted", identical: true },
    ]);
    const sweep = inline.results.summary.images[0].sweeps[0];
    expect(sweep.points.map((p) => p.value)).toEqual([0, 10]);
    expect(inline.results.summary.images[0].kStudy?.points.map((p) => p.k)).toEqual([2, 3, 4]);
  });

  it("refuses a sweep of an unknown agent or parameter, or a value the schema refuses", () => {
    const base = { images: ["x.png"], seeds: [0], agents };
    expect(() => makePlan({ ...base, sweeps: [{ agent: "nope", param: "shift", values: [1] }] })).toThrow(
      /not in this evaluation/,
    );
    expect(() => makePlan({ ...base, sweeps: [{ agent: "fixture", param: "nope", values: [1] }] })).toThrow(
      /no parameter nope/,
    );
    expect(() => makePlan({ ...base, sweeps: [{ agent: "fixture", param: "shift", values: [99] }] })).toThrow(
      /<= 40/,
    );
  });
});
