import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTestPng } from "../testing/harness.js";

describe("colorize train", () => {
  it("writes one snapshot file beside the photograph by default, and prints the strip's scores", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir, "street.png", 30, 12);
    const r = await runCli(["train", input]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["street.knn.agent.json", "street.png"]);
    expect(r.stdout).toMatch(/^scored on\s+acc\s+RMSE/);
    expect(r.stdout).toMatch(/strip 27\.\.29/);
    expect(r.stderr).toMatch(/trained knn on columns 0\.\.29 of 30x12 .* saved .*street\.knn\.agent\.json/);
    const doc = JSON.parse(readFileSync(join(dir, "street.knn.agent.json"), "utf8"));
    expect(doc.format).toBe("colorize-agent/1");
    expect(doc.training).toMatchObject({
      image: "street.png",
      width: 30,
      height: 12,
      region: "all",
      columns: [0, 30],
    });
    expect(doc.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("says when the agent trained on its strip too, so its strip scores show partly fit", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir, "p.png", 40, 12);
    const base = ["train", input, "--agent", "rgb-mlp", "--param", "epochs=1", "--param", "members=1"];
    const late = await runCli([...base, "--param", "stripEpochs=1", "--save", join(dir, "a.json")]);
    expect(late.code).toBe(0);
    expect(late.stdout).toMatch(/trained on the strip too, for its last epoch,/);
    const off = await runCli([...base, "--param", "stripEpochs=0", "--save", join(dir, "b.json")]);
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/strip \d+\.\.39/);
    expect(off.stdout).not.toMatch(/trained on the strip too/);
  });

  it("--region left trains on the left half; --json prints one document; the same training writes the same bytes", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir, "p.png", 31, 10);
    const args = [
      "train",
      input,
      "--agent",
      "logreg",
      "--param",
      "epochs=2",
      "--region",
      "left",
      "--k",
      "3",
      "--seed",
      "4",
    ];
    const a = await runCli([...args, "--save", join(dir, "a.json"), "--json"]);
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.stdout);
    expect(Object.keys(doc)).toEqual([
      "snapshot",
      "plugin",
      "config",
      "palette",
      "seed",
      "training",
      "metrics",
      "fit",
      "fitSeconds",
      "backend",
    ]);
    expect(doc.training).toMatchObject({ region: "left", columns: [0, 15], validationColumns: 2 });
    expect(doc.palette).toHaveLength(3);
    expect(doc.seed).toBe(4);
    expect(doc.config.epochs).toBe(2);
    expect(doc.fit.epochs).toBeGreaterThan(0);
    expect((await runCli([...args, "--save", join(dir, "b.json")])).code).toBe(0);
    expect(readFileSync(join(dir, "a.json"))).toEqual(readFileSync(join(dir, "b.json")));
  });

  it("refuses before training: an existing file without --force, the photograph itself, a missing folder, a strip too wide", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir, "p.png", 20, 8);
    const taken = join(dir, "taken.json");
    writeFileSync(taken, "keep me");
    const cases: [string[], RegExp][] = [
      [["--save", taken], /taken\.json exists; choose another --save or pass --force/],
      [["--save", input, "--force"], /--save .*p\.png is an input of this command/],
      [["--save", join(dir, "no", "a.json")], /folder .*no does not exist/],
      [
        ["--validation-columns", "20", "--save", join(dir, "v.json")],
        /validation strip of 20 columns does not fit/,
      ],
      [["--agent", "nope"], /unknown agent nope/],
      [["--region", "top"], /--region.*top.*Allowed choices are all, left/],
    ];
    for (const [extra, msg] of cases) {
      const r = await runCli(["train", input, ...extra]);
      expect(r.code, extra.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
    expect(readFileSync(taken, "utf8")).toBe("keep me");
    expect(readdirSync(dir).sort()).toEqual(["p.png", "taken.json"]);
    expect((await runCli(["train", input, "--save", taken, "--force"])).code).toBe(0);
    expect(JSON.parse(readFileSync(taken, "utf8")).format).toBe("colorize-agent/1");
  });
});
