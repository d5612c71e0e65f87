import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTestPng } from "../testing/harness.js";

/** The document with every timing removed. */
const untimed = (text: string) => JSON.parse(text, (k, v) => (/seconds/i.test(k) ? undefined : v));

function images(): string {
  const dir = tempDir();
  writeTestPng(dir, "one.png", 30, 14, 1);
  writeTestPng(dir, "two.png", 26, 12, 2);
  return dir;
}

/** A second plugin of the basic role (brute-force 6-NN, parameter `votes`, declared sweep 2,6,10). */
const SIX_NN = fileURLToPath(new URL("../../../../packages/evaluator/src/testing/six-nn", import.meta.url));

const FAST = ["--agents", "knn", "--k-study", "2..4", "--sweep", "knn.neighbours=1,6", "--jobs", "1"];

describe("colorize eval", () => {
  it("--json prints only the results document; --out-dir gets results.json, results.md, report.html and PNGs", async () => {
    const dir = images();
    const out = join(dir, "out");
    const r = await runCli(["eval", dir, "--seeds", "0,1", "--json", "--out-dir", out, ...FAST]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe("colorize-eval/1");
    expect(doc.plan.seeds).toEqual([0, 1]);
    expect(doc.units).toHaveLength(4);
    expect(doc.summary.images.map((i: { image: string }) => i.image.split("/").pop())).toEqual([
      "one.png",
      "two.png",
    ]);
    expect(untimed(readFileSync(join(out, "results.json"), "utf8"))).toEqual(untimed(r.stdout));
    for (const f of [
      "results.md",
      "report.html",
      "images/one-png/output-knn.png",
      "plots/one-png-k-study.svg",
      "plots/one-png-k-study.png",
      "plots/sweep-knn-neighbours.png",
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(r.stderr).toMatch(/one\.png seed 0 started/);
  });

  it("the gate passes on an honest baseline and exits 1 naming the regression on a doctored one", async () => {
    const dir = images();
    const base = await runCli(["eval", join(dir, "one.png"), "--json", ...FAST]);
    const honest = join(dir, "honest.json");
    writeFileSync(honest, base.stdout);
    const pass = await runCli(["eval", join(dir, "one.png"), "--baseline", honest, ...FAST]);
    expect(pass.code).toBe(0);
    expect(pass.stderr).toMatch(
      /gate passed: 18 mean scores of .*honest\.json, 18 of them reproduced exactly \(the basic agent and the reference rows\), the others within labelAccuracy ±0\.005, rmse 2 %, psnr ±0\.2, ssim ±0\.005, deltaE2000 2 %, aucAb ±0\.003/,
    );
    const bad = await runCli([
      "eval",
      join(dir, "one.png"),
      "--baseline",
      honest,
      "--tolerance",
      "ssim=x",
      ...FAST,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^colorize: --tolerance takes METRIC=VALUE/);
    const doc = JSON.parse(base.stdout);
    doc.summary.images[0].agents[0].metrics.labelAccuracy.mean += 0.2;
    const doctored = join(dir, "doctored.json");
    writeFileSync(doctored, JSON.stringify(doc));
    const fail = await runCli(["eval", join(dir, "one.png"), "--baseline", doctored, ...FAST]);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toMatch(/regression: one\.png knn accuracy/);
    expect(fail.stderr).toMatch(/colorize: 1 score\(s\) worse than the baseline/);
  });

  it("shards merged with eval merge equal the single run, timings aside", async () => {
    const dir = images();
    const single = await runCli(["eval", dir, "--seeds", "0,1", "--json", ...FAST]);
    const shards = [1, 2, 3].map((i) => join(dir, `shard-${i}`));
    for (const [i, s] of shards.entries()) {
      const r = await runCli([
        "eval",
        dir,
        "--seeds",
        "0,1",
        "--shard",
        `${i + 1}/3`,
        "--out-dir",
        s,
        ...FAST,
      ]);
      expect(r.code).toBe(0);
    }
    const merged = join(dir, "merged");
    const m = await runCli(["eval", "merge", ...shards, "--out-dir", merged, "--json"]);
    expect(m.code).toBe(0);
    expect(untimed(m.stdout)).toEqual(untimed(single.stdout));
    expect(existsSync(join(merged, "report.html"))).toBe(true);
    expect(existsSync(join(merged, "images/two-png/heat-knn.png"))).toBe(true);
    // The merged report shows the pictures the shards wrote.
    expect(readFileSync(join(merged, "report.html"), "utf8")).toContain(
      'data-file="images/two-png/heat-knn.png"',
    );
    const partial = await runCli(["eval", "merge", shards[0], "--out-dir", join(dir, "bad")]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/^colorize: 2 unit\(s\) are missing/);
  });

  it("--leak-check passes for the basic agent", async () => {
    const dir = images();
    const r = await runCli(["eval", join(dir, "two.png"), "--leak-check", "--json", ...FAST]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.leaks).toEqual([]);
    expect(doc.units[0].leakCheck).toEqual([{ agent: "knn", identical: true }]);
  });

  it("takes the default sweep and the k study's agent from the basic role, not from a name", async () => {
    const one = join(images(), "one.png");
    const plan = async (args: string[]) => {
      const r = await runCli([
        "--plugin",
        SIX_NN,
        "eval",
        one,
        "--k-study",
        "2..3",
        "--jobs",
        "1",
        "--json",
        ...args,
      ]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as {
        plan: { sweeps: unknown[]; kStudyAgent: { name: string } | null };
        units: { sweeps: { value: number }[]; kStudy: unknown[] | null }[];
      };
    };
    const six = await plan(["--agents", "six-nn"]);
    expect(six.plan.sweeps).toEqual([{ agent: "six-nn", param: "votes", values: [2, 6, 10] }]);
    expect(six.units[0].sweeps.map((p) => p.value)).toEqual([2, 6, 10]);
    expect(six.plan.kStudyAgent?.name).toBe("six-nn");
    const knn = await plan(["--agents", "knn,six-nn", "--seeds", "0"]);
    expect(knn.plan.sweeps).toEqual([{ agent: "knn", param: "neighbours", values: [1, 2, 4, 6, 8, 12, 16] }]);
    expect(knn.plan.kStudyAgent?.name).toBe("knn");
    // Without an evaluated basic agent: no default sweep, and the k study runs with the first basic plugin found.
    const logreg = await plan(["--agents", "logreg", "--param", "epochs=2"]);
    expect(logreg.plan.sweeps).toEqual([]);
    expect(logreg.plan.kStudyAgent?.name).toBe("knn");
    expect(logreg.units[0].kStudy).toHaveLength(2);
  });

  it("refuses bad usage with exit 2 and one line", async () => {
    const dir = images();
    const cases: [string[], RegExp][] = [
      [["eval"], /give at least one image or folder/],
      [["eval", dir, "--shard", "4/3"], /--shard takes I\/N/],
      [["eval", dir, "--agents", "knn", "--sweep", "nope.x=1"], /agent nope is not in this evaluation/],
      [["eval", dir, "--seeds", "a"], /--seeds takes integers/],
      [["eval", join(dir, "missing.png")], /no such file or folder/],
    ];
    for (const [args, msg] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n").pop()).toMatch(msg);
    }
  });
});
