import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { computeMetrics, paletteToArray } from "@colorize/core";
import { decodeImage } from "@colorize/image-io";
import { runAgentInline } from "@colorize/runtime";
import { syntheticImage } from "@colorize/runtime/testing";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type EvalAgent, makePlan, runEvaluation } from "./evaluate.js";
import { scrambleColumns } from "./leak-check.js";
import { pairTask } from "./pair-task.js";
import { collectPairs } from "./pairs.js";
import { planUnits } from "./plan.js";
import { testAgents, writeImages } from "./testing/setup.js";

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

describe("collectPairs", () => {
  it("reads REF=TARGET arguments and pairs files (relative to the file), in order", () => {
    const dir = mkdtempSync(join(tmpdir(), "colorize-pairs-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, "sub"));
    for (const f of ["r.png", "t.png", "sub/r2.png", "sub/t2.png"]) writeFileSync(join(dir, f), "x");
    writeFileSync(join(dir, "sub", "pairs.txt"), "# reference=target\n\nr2.png = t2.png\n");
    const pairs = collectPairs(["r.png=t.png"], ["sub/pairs.txt"], dir);
    expect(pairs).toEqual([
      { reference: "r.png", target: "t.png" },
      { reference: "sub/r2.png", target: "sub/t2.png" },
    ]);
    expect(() => collectPairs(["r.png"], [], dir)).toThrow(
      '--pairs: a pair is REFERENCE=TARGET, got "r.png"',
    );
    expect(() => collectPairs(["r.png=none.png"], [], dir)).toThrow("none.png: no such file");
    expect(() => collectPairs(["r.png=sub"], [], dir)).toThrow("sub: not a file");
    expect(() => collectPairs(["r.png=t.png", "sub/r2.png=t.png"], [], dir)).toThrow(
      /two pairs have targets named t\.png/,
    );
    expect(() => collectPairs([], ["missing.txt"], dir)).toThrow("missing.txt: no such pairs file");
    expect(() => collectPairs([], [], dir)).toThrow("no pair given");
  });
});

describe("pairTask", () => {
  it("trains on the whole reference and scores the whole target; no target colour reaches the palette or training", () => {
    const ref = syntheticImage(30, 12, 1);
    const target = syntheticImage(22, 15, 2);
    const task = pairTask(ref, target, { k: 4, seed: 3 });
    expect(task.train.width).toBe(30);
    expect(task.train.validationColumns).toBe(3);
    expect(task.test).toMatchObject({ width: 22, height: 15 });
    expect(task.truth).toEqual(target.data);
    expect(task.split).toEqual({ width: 22, height: 15, column: 0, trainWidth: 30, testWidth: 22 });
    const other = pairTask(ref, scrambleColumns(target, 9, 0), { k: 4, seed: 3 });
    expect(paletteToArray(other.palette)).toEqual(paletteToArray(task.palette));
    expect(other.train).toEqual(task.train);
    expect(other.test).toEqual(task.test);
    expect(other.truth).not.toEqual(task.truth);
  });
});

describe("runEvaluation with pairs", () => {
  it("trains every agent on the reference, scores it on the target, and checks for leaks from the target", async () => {
    const [a, b] = images.paths.map((p) => relative(process.cwd(), p));
    const pairs = [
      { reference: a, target: b },
      { reference: b, target: a },
    ];
    const plan = makePlan({ images: [], pairs, seeds: [0, 1], agents, leakCheck: true });
    expect(plan.images).toEqual([b, a]);
    expect(plan.pairs).toEqual(pairs);
    expect(planUnits(plan).map((u) => [u.image, u.reference, u.seed])).toEqual([
      [b, a, 0],
      [b, a, 1],
      [a, b, 0],
      [a, b, 1],
    ]);
    const { results, artifacts } = await runEvaluation({ plan, agents, jobs: 1, artifacts: true });
    const u = results.units[0];
    expect(u.reference).toEqual({ image: a, width: 40, height: 24 });
    expect([u.width, u.height]).toEqual([36, 20]);
    expect(u.split).toEqual({ column: 0, validationColumns: 4 });
    expect(results.leaks).toEqual([]);
    expect(u.leakCheck?.every((l) => l.identical)).toBe(true);
    expect(results.summary.images.map((i) => i.image)).toEqual([b, a]);
    const pictures = (key: string) => [
      `images/${key}/original.png`,
      `images/${key}/gray.png`,
      ...["knn", "fixture", "shifted"].flatMap((a) => [
        `images/${key}/output-${a}.png`,
        `images/${key}/heat-${a}.png`,
      ]),
      `images/${key}/reference.png`,
    ];
    expect(artifacts.map((x) => x.file)).toEqual([...pictures("b-png"), ...pictures("a-png")]);
    // A pair's original is the target, its outputs the whole target as each agent coloured it.
    const original = artifacts.find((x) => x.file === "images/b-png/original.png")!;
    expect(decodeImage(original.png)).toEqual(syntheticImage(36, 20, 2));
    const out = decodeImage(artifacts.find((x) => x.file === "images/b-png/output-knn.png")!.png);
    expect([out.width, out.height]).toEqual([36, 20]);
    // The basic agent's row is what training on the reference and predicting the target gives.
    const task = pairTask(syntheticImage(40, 24, 1), syntheticImage(36, 20, 2), { seed: 0 });
    const knn = agents[0].loaded;
    const run = await runAgentInline(
      { entry: knn.entry, plugin: knn.plugin, config: {}, seed: 0 },
      task.train,
      task.test,
    );
    const want = computeMetrics(task.truth, run.prediction.rgb, 36, 20, task.palette, run.prediction.labels);
    expect(u.agents[0].metrics).toEqual(want);
  });
});

describe("an image evaluation", () => {
  it("has no pairs in its plan or units", () => {
    const plan = makePlan({ images: ["x.png"], seeds: [0], agents });
    expect("pairs" in plan).toBe(false);
    expect(planUnits(plan)[0]).toEqual({ unit: 0, image: "x.png", seed: 0, primary: true });
  });
});
