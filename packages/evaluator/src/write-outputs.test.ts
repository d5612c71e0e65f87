import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalAgent, makePlan, runEvaluation } from "./evaluate.js";
import { resultPlots } from "./plots.js";
import { compareInputs } from "./report-html.js";
import { drawPieces, MIN_WORKER_PIECES } from "./report-pool.js";
import { testAgents, writeImages } from "./testing/setup.js";
import { writeOutputs } from "./write-outputs.js";

let images: { dir: string; paths: string[] };
let agents: EvalAgent[];
let fixtureDir: string;
let run: Awaited<ReturnType<typeof runEvaluation>>;
const scratch: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), "colorize-write-outputs-"));
  scratch.push(d);
  return d;
};

beforeAll(async () => {
  images = writeImages();
  ({ agents, fixtureDir } = await testAgents());
  const plan = makePlan({
    images: images.paths.map((p) => relative(process.cwd(), p)),
    seeds: [0, 1],
    agents,
    kStudy: [2, 3],
    sweeps: [{ agent: "shifted", param: "shift", values: [0, 5, 10] }],
  });
  run = await runEvaluation({ plan, agents, jobs: 1, artifacts: true });
});
afterAll(() => {
  for (const d of [images.dir, fixtureDir, ...scratch]) rmSync(d, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it, sorted. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

describe("writeOutputs on worker threads", () => {
  it.each(["light", "full"] as const)(
    "writes the same files, byte for byte, as on one thread (report: %s)",
    async (report) => {
      // Enough pieces that two workers really start (a tiny list is drawn inline).
      const pieces = resultPlots(run.results).length + compareInputs(run.results).length;
      expect(pieces).toBeGreaterThanOrEqual(MIN_WORKER_PIECES);
      const inline = folder();
      const workers = folder();
      const one = await writeOutputs(inline, run.results, run.artifacts, { report, threads: 1 });
      const two = await writeOutputs(workers, run.results, run.artifacts, { report, threads: 2 });
      expect(two).toEqual(one);
      const files = tree(inline);
      expect(tree(workers)).toEqual(files);
      expect(files).toContain("report.html");
      expect(files.filter((f) => f.endsWith(".png") && f.startsWith("plots")).length).toBe(7);
      for (const f of files) {
        const same = Buffer.compare(readFileSync(join(inline, f)), readFileSync(join(workers, f))) === 0;
        expect(same, `${f} differs`).toBe(true);
      }
    },
  );

  it("stops every worker at the first failure and throws it as one line", async () => {
    const plots = resultPlots(run.results).map((p) => ({ kind: "plot" as const, svg: p.svg }));
    const broken = [plots[0], { kind: "plot" as const, svg: "<svg" }, ...plots.slice(1, 3)];
    await expect(drawPieces(broken, { outDir: folder(), mode: "light", threads: 2 })).rejects.toThrow(
      /^SVG data parsing failed cause the document does not have a root node$/,
    );
  });
});
