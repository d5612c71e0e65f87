import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTestPng } from "../testing/harness.js";

function images(): string {
  const dir = tempDir();
  writeTestPng(dir, "one.png", 30, 14, 1);
  writeTestPng(dir, "two.png", 26, 12, 2);
  writeTestPng(dir, "three.png", 28, 12, 3);
  return dir;
}

describe("colorize eval choose", () => {
  it("runs every candidate on every image, chooses by the mean and scores each image left out", async () => {
    const dir = images();
    const out = join(dir, "out");
    const r = await runCli([
      "eval",
      "choose",
      dir,
      "--agent",
      "knn",
      "--param",
      "neighbours=1,6",
      "--jobs",
      "1",
      "--out-dir",
      out,
    ]);
    expect(r.stderr).not.toMatch(/Error|at /);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| knn neighbours=1 \| \d+\.\d{3} \|/);
    expect(r.stdout).toMatch(/\| knn neighbours=6 \| \d+\.\d{3} \|/);
    expect(r.stdout).toMatch(/Chosen on all 3 images: \*\*knn neighbours=(1|6)\*\*/);
    expect(r.stdout).toMatch(/Leave one image out: .* for \d of 3 images/);
    for (const name of ["one", "two", "three"]) expect(r.stdout).toMatch(new RegExp(`\\| ${name} \\| knn`));
    expect(readFileSync(join(out, "choose.md"), "utf8")).toBe(r.stdout);
    // The saved evaluation can be chosen from again without running anything.
    const again = await runCli(["eval", "choose", "--from", join(out, "results.json"), "--json"]);
    expect(again.code).toBe(0);
    const doc = JSON.parse(again.stdout);
    expect(doc.table.candidates).toEqual(["knn neighbours=1", "knn neighbours=6"]);
    expect(doc.generalisation.heldOut).toHaveLength(3);
    expect(existsSync(join(out, "results.json"))).toBe(true);
  });

  it("refuses bad usage with one line and exit code 2, before any work", async () => {
    const dir = images();
    for (const [args, message] of [
      [["eval", "choose", dir, "--param", "neighbours=1,6"], /name the agent with --agent/],
      [["eval", "choose", dir, "--agent", "knn"], /give the candidates with --param/],
      [["eval", "choose", dir, "--agent", "knn", "--param", "nope=1,2"], /knn has no such parameter/],
      [["eval", "choose", dir, "--agent", "knn", "--param", "neighbours=6"], /at least two candidates/],
      [["eval", "choose", dir, "--agent", "knn", "--param", "neighbours=0,6"], /neighbours/],
      [["eval", "choose", dir, "--from", "x.json"], /images or --from, not both/],
      [["eval", "choose", dir, "--agent", "knn", "--param", "neighbours=1,6", "--metric", "x"], /--metric/],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
