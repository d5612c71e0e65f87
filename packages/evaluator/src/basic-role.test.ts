import { rmSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type LoadedPlugin, loadPluginFrom } from "@colorize/runtime";
import { type FixturePlugin, syntheticImage, writeFixturePlugin } from "@colorize/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalAgent, makePlan, runEvaluation } from "./evaluate.js";
import type { EvalResults } from "./schema.js";
import { runSweeps } from "./sweep.js";
import { writeImages } from "./testing/setup.js";
import { writeup } from "./writeup.js";

/**
 * The evaluator finds the basic agent by its declared role: a second plugin of that role, under
 * another package name and with another parameter name (a brute-force 6-NN fixture), is picked up
 * by the k study, the comparison with the basic agent and the write-up, with no edit elsewhere.
 */
let images: { dir: string; paths: string[] };
let sixNn: LoadedPlugin;
let knn: LoadedPlugin;
let gray: LoadedPlugin;
let grayFixture: FixturePlugin | undefined;
beforeAll(async () => {
  images = writeImages();
  sixNn = await loadPluginFrom(fileURLToPath(new URL("./testing/six-nn", import.meta.url)));
  knn = await loadPluginFrom(fileURLToPath(new URL("../../plugin-knn", import.meta.url)));
  grayFixture = writeFixturePlugin();
  gray = await loadPluginFrom(grayFixture.dir);
});
afterAll(() => {
  rmSync(images.dir, { recursive: true, force: true });
  grayFixture?.dispose();
});

const kStudy = [2, 3, 4];
async function evaluate(agents: EvalAgent[], basic?: EvalAgent, jobs = 1): Promise<EvalResults> {
  const images_ = images.paths.map((p) => relative(process.cwd(), p));
  const plan = makePlan({ images: images_, seeds: [0, 1], agents, kStudy, basic });
  return (await runEvaluation({ plan, agents, basic, jobs })).results;
}
const kPoints = (r: EvalResults) => r.units.map((u) => u.kStudy);
const items = (r: EvalResults, id: string) => writeup(r).find((s) => s.id === id)!.items;

describe("the basic role", () => {
  it("a second plugin declaring it runs the k study, on worker threads too, as the k-NN plugin does", async () => {
    expect(sixNn.short).toBe("six-nn");
    const withSix = await evaluate([{ loaded: gray }, { loaded: sixNn }], undefined, 2);
    const withKnn = await evaluate([{ loaded: gray }, { loaded: knn }]);
    expect(withSix.plan.agents.map((a) => a.role)).toEqual([null, "basic"]);
    expect(withSix.plan.kStudyAgent).toEqual({
      name: "six-nn",
      plugin: "colorize-plugin-six-nn",
      version: "1.0.0",
      config: { votes: 6 },
    });
    expect(withKnn.plan.kStudyAgent?.plugin).toBe("@colorize/plugin-knn");
    // Both are the exact 6-NN vote: every point of every unit's k study agrees.
    expect(kPoints(withSix).every((p) => p?.length === kStudy.length)).toBe(true);
    expect(kPoints(withSix)).toEqual(kPoints(withKnn));
    // And so do their own runs on the right half.
    const scores = (r: EvalResults, name: string) =>
      r.units.map((u) => u.agents.find((a) => a.name === name)!.metrics);
    expect(scores(withSix, "six-nn")).toEqual(scores(withKnn, "knn"));
  });

  it("is what the comparison and the write-up compare with", async () => {
    const r = await evaluate([{ loaded: gray }, { loaded: sixNn }]);
    const fixture = r.summary.overall.agents.find((a) => a.name === "fixture")!;
    expect(fixture.beatsBasicOn).toBeTypeOf("number");
    expect(r.summary.overall.agents.find((a) => a.name === "six-nn")!.beatsBasicOn).toBeNull();
    expect(
      items(r, "p5").some((s) =>
        /^fixture: .*ΔE2000 against the basic agent, lower on \d of 2 images/.test(s),
      ),
    ).toBe(true);
    expect(items(r, "p2").filter((s) => s.startsWith("Palette size for "))).toHaveLength(2);
  });

  it("runs the k study with the basic plugin's defaults when no evaluated agent declares it", async () => {
    const r = await evaluate([{ loaded: gray }], { loaded: sixNn });
    expect(r.plan.agents.map((a) => a.role)).toEqual([null]);
    expect(r.plan.kStudyAgent?.name).toBe("six-nn");
    expect(kPoints(r)).toEqual(kPoints(await evaluate([{ loaded: gray }, { loaded: sixNn }])));
    // The write-up has no basic agent to compare with, and says so.
    expect(items(r, "p5")).toContain(
      "No agent of this evaluation declares the basic role, so no agent is compared with the basic agent.",
    );
    expect(r.summary.overall.agents[0].beatsBasicOn).toBeNull();
    // The plan names the plugin it needs; running it without that plugin is refused before any work.
    await expect(runEvaluation({ plan: r.plan, agents: [{ loaded: gray }], jobs: 1 })).rejects.toThrow(
      "the plan's k study runs colorize-plugin-six-nn: pass it as the evaluation's basic plugin",
    );
  });

  it("without any plugin of the role the k study is skipped and the write-up says why", async () => {
    const r = await evaluate([{ loaded: gray }]);
    expect(r.plan.kStudy).toEqual(kStudy);
    expect(r.plan.kStudyAgent).toBeNull();
    expect(kPoints(r)).toEqual([null, null, null, null]);
    expect(r.summary.images.every((i) => i.kStudy === null)).toBe(true);
    expect(items(r, "p2")).toContain(
      "No k study ran: it needs a plugin that declares the basic role (with its strip study), and none was found.",
    );
  });

  it("refuses a basic plugin that does not declare the role", () => {
    expect(() =>
      makePlan({
        images: ["x.png"],
        seeds: [0],
        agents: [{ loaded: gray }],
        kStudy,
        basic: { loaded: gray },
      }),
    ).toThrow("@colorize/plugin-fixture does not declare the basic role");
  });

  it("a sweep of the parameter a plugin's study declares is answered from one preparation, as run per value", async () => {
    const image = syntheticImage(44, 18, 5);
    const agents = [{ name: "six-nn", loaded: sixNn, config: { votes: 6 } }];
    const specs = [{ agent: "six-nn", param: "votes", values: [1, 3, 8] }];
    const fast = await runSweeps(image, specs, agents, { k: 4, seed: 1 });
    const slow = await runSweeps(image, specs, agents, { k: 4, seed: 1, generic: true });
    const scores = (ps: typeof fast) => ps.map((p) => [p.value, p.validation, p.error]);
    expect(scores(fast)).toEqual(scores(slow));
    expect(fast.every((p) => p.error === null)).toBe(true);
  });
});
