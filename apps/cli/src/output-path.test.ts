import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputTarget } from "./output-path.js";
import { runCli, tempDir, writeTestPng } from "./testing/harness.js";

describe("the output path of colorize run", () => {
  it("takes the first free numbered name when the default exists, and says so", () => {
    const dir = tempDir();
    const input = join(dir, "p.png");
    expect(outputTarget(input, undefined, false)).toEqual({ path: join(dir, "p.colorized.png") });
    writeFileSync(join(dir, "p.colorized.png"), "");
    writeFileSync(join(dir, "p.colorized-2.png"), "");
    const t = outputTarget(input, undefined, false);
    expect(t.path).toBe(join(dir, "p.colorized-3.png"));
    expect(t.note).toMatch(/p\.colorized\.png exists; writing .*p\.colorized-3\.png/);
    // --force keeps the plain default name.
    expect(outputTarget(input, undefined, true)).toEqual({ path: join(dir, "p.colorized.png") });
  });
  it("refuses an explicit --out that exists without --force, and the input always", () => {
    const dir = tempDir();
    const input = join(dir, "p.png");
    writeFileSync(join(dir, "o.png"), "");
    expect(() => outputTarget(input, join(dir, "o.png"), false)).toThrow(/o\.png exists; .*--force/);
    expect(outputTarget(input, join(dir, "o.png"), true)).toEqual({ path: join(dir, "o.png") });
    expect(() => outputTarget(input, input, true)).toThrow(/is the input image/);
  });
});

describe("colorize run, repeated and with several agents", () => {
  it("writes a new numbered file the second time instead of failing, and keeps the first", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir);
    const first = await runCli(["run", input]);
    expect(first.code).toBe(0);
    const kept = readFileSync(join(dir, "photo.colorized.png"));
    const second = await runCli(["run", input]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/photo\.colorized\.png exists; writing .*photo\.colorized-2\.png/);
    expect(second.stderr).toMatch(/wrote .*photo\.colorized-2\.png/);
    expect(readdirSync(dir).sort()).toEqual(["photo.colorized-2.png", "photo.colorized.png", "photo.png"]);
    expect(readFileSync(join(dir, "photo.colorized.png"))).toEqual(kept);
    expect(readFileSync(join(dir, "photo.colorized-2.png"))).toEqual(kept);
  });
  it("ends the table of two agents with the verdict against the basic agent, and one agent's with none", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir, "photo.png", 32, 16);
    const two = await runCli(["run", input, "--agent", "logreg,knn", "--param", "logreg.epochs=3"]);
    expect(two.code, two.stderr).toBe(0);
    const lines = two.stdout.trimEnd().split("\n");
    const de = (name: string) => {
      const row = lines.find((l) => l.startsWith(`${name} `))!.split(/\s+/);
      return Number(row[5]);
    };
    const [best, other] = de("logreg") < de("knn") ? ["logreg", "knn"] : ["knn", "logreg"];
    const tail =
      best === "knn"
        ? "the basic agent is the best of 2 agents"
        : `${Math.round((100 * (de(other) - de(best))) / de(other))} % below the basic agent knn (${de("knn").toFixed(2)})`;
    expect(lines[lines.length - 1]).toBe(`${best}: ΔE2000 ${de(best).toFixed(2)}, ${tail}`);
    const one = await runCli(["run", input, "--out", join(dir, "one.png")]);
    expect(one.stdout.trimEnd().split("\n").pop()).toMatch(/^palette-ceiling /);
  });
});
