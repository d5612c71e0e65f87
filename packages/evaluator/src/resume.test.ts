import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { AbortError } from "@colorize/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { imageFiles } from "./artifacts.js";
import { type EvalAgent, makePlan, runEvaluation } from "./evaluate.js";
import type { UnitEvent } from "./evaluate-unit.js";
import { planUnits } from "./plan.js";
import { loadFinishedUnits, saveUnit, UNITS_DIR } from "./resume.js";
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

/** The folders the running test made, removed when it ends. */
const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function plan(seeds: number[]) {
  return makePlan({
    images: images.paths.map((p) => relative(process.cwd(), p)),
    seeds,
    agents,
    kStudy: [2, 3],
    basic: agents[0],
    sweeps: [{ agent: "knn", param: "neighbours", values: [1, 6] }],
  });
}

/** Runs the plan in `dir` with resume on, counting started units; aborts after `stopAfter` finish. */
async function run(dir: string, seeds: number[], stopAfter = Number.POSITIVE_INFINITY) {
  const controller = new AbortController();
  const started: number[] = [];
  let done = 0;
  const onEvent = (e: UnitEvent) => {
    if (e.type === "unit-start") started.push(e.unit);
    if (e.type === "unit-done" && ++done >= stopAfter) controller.abort();
  };
  const p = plan(seeds);
  const out = await runEvaluation({
    plan: p,
    agents,
    basic: agents[0],
    jobs: 1,
    artifacts: true,
    resumeDir: dir,
    onEvent,
    signal: controller.signal,
  });
  return { ...out, started };
}

describe("eval --out-dir resumes an interrupted run", () => {
  it("does not run finished units again, and ends with what an uninterrupted run gives", async () => {
    const whole = await run(tempDir("colorize-resume-a-"), [0, 1]);
    expect(whole.started).toEqual([0, 1, 2, 3]);
    expect(whole.resumed).toBe(0);

    const dir = tempDir("colorize-resume-b-");
    await expect(run(dir, [0, 1], 2)).rejects.toThrow(AbortError);
    expect(readdirSync(join(dir, UNITS_DIR)).sort()).toEqual(["unit-00000.json", "unit-00001.json"]);
    expect(existsSync(join(dir, imageFiles.original("a-png")))).toBe(true);

    const resumed = await run(dir, [0, 1]);
    expect(resumed.started).toEqual([2, 3]);
    expect(resumed.resumed).toBe(2);
    expect(withoutTimings(resumed.results)).toEqual(withoutTimings(whole.results));
  });

  it("ignores units of another plan, and a unit whose image grids are gone", async () => {
    const dir = tempDir("colorize-resume-c-");
    await run(dir, [0, 1]);
    const units = planUnits(plan([0, 1]));
    expect([...loadFinishedUnits(dir, plan([0, 1]), units).keys()]).toEqual([0, 1, 2, 3]);
    expect(loadFinishedUnits(dir, plan([0, 2]), planUnits(plan([0, 2]))).size).toBe(0);
    rmSync(join(dir, imageFiles.original("b-png")));
    expect([...loadFinishedUnits(dir, plan([0, 1]), units).keys()].sort()).toEqual([0, 1, 3]);
  });

  it("keeps non-finite numbers (a perfect prediction's PSNR) through the unit file", async () => {
    const dir = tempDir("colorize-resume-d-");
    const p = plan([0]);
    const { results } = await run(tempDir("colorize-resume-e-"), [0]);
    const u = results.units[0]!;
    const perfect = {
      ...u,
      agents: u.agents.map((a) => ({ ...a, metrics: { ...a.metrics, psnr: Infinity } })),
    };
    await saveUnit(dir, p, { result: perfect, artifacts: [] });
    const back = loadFinishedUnits(dir, p, planUnits(p)).get(0)!;
    expect(back.agents.map((a) => a.metrics.psnr)).toEqual(u.agents.map(() => Infinity));
    expect(back).toEqual(perfect);
  });
});
