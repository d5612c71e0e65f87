import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutputFile, checkOutputFolder } from "./output-check.js";
import { runCli, tempDir, writeTestPng } from "./testing/harness.js";

/** A folder that refuses new files even to root: sysfs. */
const UNWRITABLE = "/sys";

/** Exit 2 with exactly one line: the refusal came before any agent started (it would print a line). */
function expectRefusedFirst(r: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trim().split("\n");
  expect(lines).toEqual([expect.stringMatching(/^colorize: /)]);
  expect(lines[0]).toMatch(message);
}

describe("an output that cannot be written is refused before any work", () => {
  const dir = tempDir();
  const input = writeTestPng(dir, "photo.png", 40, 20);
  writeFileSync(join(dir, "plain-file"), "x");
  mkdirSync(join(dir, "a-folder"));

  it("run --out into a folder that does not exist", async () => {
    const r = await runCli(["run", input, "--out", join(dir, "missing", "out.png")]);
    expectRefusedFirst(r, /^colorize: --out .*out\.png: folder .*missing does not exist$/);
  });

  it("run --out under a plain file", async () => {
    const r = await runCli(["run", input, "--out", join(dir, "plain-file", "out.png")]);
    expectRefusedFirst(r, /plain-file is a file, not a folder$/);
  });

  it("run --out naming a folder", async () => {
    const r = await runCli(["run", input, "--out", join(dir, "a-folder"), "--force"]);
    expectRefusedFirst(r, /a-folder: is a folder; give a file name$/);
  });

  it("run --out into a folder that refuses new files", async () => {
    const r = await runCli(["run", input, "--out", join(UNWRITABLE, "out.png")]);
    expectRefusedFirst(r, /^colorize: --out \/sys\/out\.png: cannot write in \/sys \(permission denied\)$/);
  });

  it("eval --out-dir under a plain file, or in a folder that refuses new files", async () => {
    const a = await runCli(["eval", input, "--agents", "knn", "--out-dir", join(dir, "plain-file", "out")]);
    expectRefusedFirst(a, /^colorize: --out-dir .*: .*plain-file is a file, not a folder$/);
    const b = await runCli(["eval", input, "--agents", "knn", "--out-dir", join(UNWRITABLE, "new", "out")]);
    expectRefusedFirst(b, /cannot write in \/sys \(permission denied\)$/);
    const c = await runCli(["eval", "merge", dir, "--out-dir", join(UNWRITABLE, "merged")]);
    expectRefusedFirst(c, /cannot write in \/sys/);
    expect(readdirSync(dir).sort()).toEqual(["a-folder", "photo.png", "plain-file"]);
  });

  it("the checks leave nothing behind and accept a folder still to be made", () => {
    checkOutputFile(join(dir, "fine.png"), "--out");
    checkOutputFolder(join(dir, "new", "deeper"), "--out-dir");
    checkOutputFolder(join(dir, "a-folder"), "--out-dir");
    expect(readdirSync(dir).sort()).toEqual(["a-folder", "photo.png", "plain-file"]);
    expect(readdirSync(join(dir, "a-folder"))).toEqual([]);
  });
});
