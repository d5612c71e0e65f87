import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTestPng } from "../testing/harness.js";

const FAST = ["--agents", "knn", "--k-study", "2..3", "--sweep", "knn.neighbours=1,6", "--jobs", "1"];

function photographs(): { dir: string; one: string; two: string } {
  const dir = tempDir();
  return { dir, one: writeTestPng(dir, "one.png", 30, 14, 1), two: writeTestPng(dir, "two.png", 26, 12, 2) };
}

describe("colorize eval --pairs", () => {
  it("scores agents trained on the reference on the target: the scores colorize train + apply --truth give", async () => {
    const { dir, one, two } = photographs();
    const out = join(dir, "out");
    const r = await runCli([
      "eval",
      "--pairs",
      `${one}=${two}`,
      "--json",
      "--out-dir",
      out,
      "--leak-check",
      ...FAST,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.plan.pairs).toHaveLength(1);
    expect(doc.plan.images[0]).toMatch(/two\.png$/);
    const u = doc.units[0];
    expect(u.reference).toMatchObject({ width: 30, height: 14 });
    expect([u.width, u.height]).toEqual([26, 12]);
    expect(doc.leaks).toEqual([]);
    for (const f of ["original.png", "reference.png", "gray.png", "output-knn.png", "heat-knn.png"])
      expect(existsSync(join(out, "images", "two-png", f)), f).toBe(true);
    expect(existsSync(join(out, "report.html"))).toBe(true);

    const snap = join(dir, "one.agent.json");
    expect((await runCli(["train", one, "--save", snap])).code).toBe(0);
    const a = await runCli(["apply", snap, two, "--truth", two, "--json", "--out", join(dir, "two.out.png")]);
    expect(a.code).toBe(0);
    expect(u.agents[0].metrics).toEqual(JSON.parse(a.stdout).metrics);
  });

  it("reads pairs files and takes several pairs after one --pairs", async () => {
    const { dir, one, two } = photographs();
    writeFileSync(join(dir, "pairs.txt"), "# reference=target\none.png=two.png\n");
    const f = await runCli(["eval", "--pairs-file", join(dir, "pairs.txt"), "--json", ...FAST]);
    expect(f.code, f.stderr).toBe(0);
    expect(JSON.parse(f.stdout).units).toHaveLength(1);
    const many = await runCli([
      "eval",
      "--pairs",
      `${one}=${two}`,
      `${two}=${one}`,
      "--seeds",
      "0,1",
      "--json",
      ...FAST,
    ]);
    expect(many.code, many.stderr).toBe(0);
    const doc = JSON.parse(many.stdout);
    expect(doc.units).toHaveLength(4);
    expect(doc.summary.images.map((i: { image: string }) => i.image.split("/").pop())).toEqual([
      "two.png",
      "one.png",
    ]);
    expect(doc.summary.images[0].agents[0].metrics.deltaE2000.n).toBe(2);
  });

  it("refuses images and pairs together, a missing photograph and a malformed pair, with exit 2", async () => {
    const { dir, one, two } = photographs();
    const cases: [string[], RegExp][] = [
      [["eval", one, "--pairs", `${one}=${two}`], /give images or --pairs, not both/],
      [["eval", "--pairs", `${one}=${join(dir, "none.png")}`], /none\.png: no such file/],
      [["eval", "--pairs", one], /a pair is REFERENCE=TARGET/],
      [["eval", "--pairs-file", join(dir, "none.txt")], /none\.txt: no such pairs file/],
    ];
    for (const [args, msg] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  });
});
