import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFixturePlugin } from "@colorize/runtime/testing";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { tempDir, writeTestPng } from "./testing/harness.js";

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "..", "dist", "bin.js");

/**
 * Starts the built binary, sends `signal` once stderr shows `ready`, and resolves with how it ended.
 * Times out (fails) if the process does not end within 30 s of the signal.
 */
function interruptBin(
  args: string[],
  ready: RegExp,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; killedBy: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CI: "1" } });
    let stderr = "";
    let sent = false;
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
      if (!sent && ready.test(stderr)) {
        sent = true;
        child.kill(signal);
        timer = setTimeout(() => {
          child.kill("SIGKILL");
          fail(new Error(`still running 30 s after ${signal}; stderr: ${stderr}`));
        }, 30_000);
      }
    });
    child.on("exit", (code, killedBy) => {
      clearTimeout(timer);
      if (!sent) fail(new Error(`ended before ${ready} appeared: ${stderr}`));
      else done({ code, killedBy, stderr });
    });
  });
}

describe("Ctrl-C and SIGTERM stop a run cleanly", () => {
  // An agent whose prediction waits 60 s, checking its abort signal every 5 ms.
  const slow = writeFixturePlugin({ name: "@colorize/plugin-slow", delayMs: 60_000 });
  afterAll(() => slow.dispose());

  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`colorize run on ${signal}: exit ${code}, one line, nothing left in the folder`, async () => {
      const dir = tempDir();
      const input = writeTestPng(dir, "photo.png", 40, 20);
      const r = await interruptBin(
        ["run", input, "--plugin", slow.dir, "--agent", "slow", "--out", join(dir, "out.png")],
        /slow \(1\/1\) started/,
        signal,
      );
      expect(r.killedBy).toBe(null);
      expect(r.code).toBe(code);
      expect(r.stderr.trim().split("\n").at(-1)).toBe(`colorize: interrupted by ${signal}`);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
      expect(readdirSync(dir)).toEqual(["photo.png"]);
    });
  }

  it("colorize train on SIGTERM: exit 143, one line, no snapshot file", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir, "photo.png", 40, 20);
    const r = await interruptBin(
      ["train", input, "--plugin", slow.dir, "--agent", "slow", "--save", join(dir, "slow.agent.json")],
      /slow \(1\/1\) started/,
      "SIGTERM",
    );
    expect(r.killedBy).toBe(null);
    expect(r.code).toBe(143);
    expect(r.stderr.trim().split("\n").at(-1)).toBe("colorize: interrupted by SIGTERM");
    expect(readdirSync(dir)).toEqual(["photo.png"]);
  });

  it("colorize eval --out-dir on SIGTERM with worker threads: exit 143, no results, no temporary files", async () => {
    const dir = tempDir();
    const images = join(dir, "images");
    mkdirSync(images);
    for (const name of ["a.png", "b.png", "c.png"]) writeTestPng(images, name, 40, 20);
    const out = join(dir, "out");
    const r = await interruptBin(
      [
        "eval",
        images,
        "--plugin",
        slow.dir,
        "--agents",
        "slow",
        "--k-study",
        "none",
        "--sweep",
        "none",
        "--jobs",
        "2",
        "--out-dir",
        out,
      ],
      /b\.png seed 0 started/,
      "SIGTERM",
    );
    expect(r.killedBy).toBe(null);
    expect(r.code).toBe(143);
    expect(r.stderr.trim().split("\n").at(-1)).toBe("colorize: interrupted by SIGTERM");
    expect(readdirSync(dir)).toEqual(["images"]);
    expect(readdirSync(images).sort()).toEqual(["a.png", "b.png", "c.png"]);
  });

  it("the same eval --out-dir command run again resumes: finished units are not run again, the results equal a whole run's", async () => {
    // Each prediction waits 0.7 s, so the signal lands while b.png is under way.
    const paced = writeFixturePlugin({ name: "@colorize/plugin-paced", delayMs: 700 });
    onTestFinished(() => paced.dispose());
    const dir = tempDir();
    const images = join(dir, "images");
    mkdirSync(images);
    for (const name of ["a.png", "b.png", "c.png"]) writeTestPng(images, name, 40, 20);
    const args = (out: string) => [
      "eval",
      images,
      "--plugin",
      paced.dir,
      "--agents",
      "paced",
      "--k-study",
      "none",
      "--sweep",
      "none",
      "--jobs",
      "1",
      "--json",
      "--out-dir",
      out,
    ];
    const out = join(dir, "out");
    const stopped = await interruptBin(args(out), /b\.png seed 0 started/, "SIGTERM");
    expect(stopped.code).toBe(143);
    expect(readdirSync(out).sort()).toEqual(["images", "units"]);
    expect(readdirSync(join(out, "units"))).toEqual(["unit-00000.json"]);

    const again = spawnSync(process.execPath, [BIN, ...args(out)], {
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    expect(again.status).toBe(0);
    expect(again.stderr).not.toMatch(/a\.png seed 0 started/);
    expect(again.stderr).toMatch(/b\.png seed 0 started/);
    expect(again.stderr).toMatch(/resumed: 1 unit\(s\) already finished/);
    expect(readdirSync(out)).not.toContain("units");

    const whole = spawnSync(process.execPath, [BIN, ...args(join(dir, "whole"))], {
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    expect(whole.status).toBe(0);
    const untimed = (text: string) => JSON.parse(text, (k, v) => (/seconds/i.test(k) ? undefined : v));
    expect(untimed(readFileSync(join(out, "results.json"), "utf8"))).toEqual(
      untimed(readFileSync(join(dir, "whole", "results.json"), "utf8")),
    );
    // Every image the folder holds (grids, plots) is the same, byte for byte.
    const pngs = (root: string) =>
      (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".png")).sort();
    expect(pngs(out)).toEqual(pngs(join(dir, "whole")));
    for (const f of pngs(out))
      expect(readFileSync(join(out, f)), f).toEqual(readFileSync(join(dir, "whole", f)));
  }, 300_000);
});
