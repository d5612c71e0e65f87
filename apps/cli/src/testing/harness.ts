import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createRng } from "@colorize/core";
import { encodePng } from "@colorize/image-io";
import { afterAll } from "vitest";
import { main } from "../program.js";

/** Runs the CLI in-process with captured streams. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const sink = (f: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        f(String(chunk));
        cb();
      },
    });
  const code = await main(args, { out: sink((s) => (stdout += s)), err: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");

/** Runs the built `colorize` binary as a separate process (exit codes, no stack traces). */
export function runBin(args: string[], cwd?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    cwd,
    env: { ...process.env, CI: "1" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The temporary folders made by this test file, removed once its tests are done. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) {
    // A test may have made a folder read-only to see a refusal.
    try {
      chmodSync(dir, 0o755);
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh temporary folder, removed after the test file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "colorize-cli-"));
  made.push(dir);
  return dir;
}

/** Writes a small structured test photograph as PNG and returns its path. */
export function writeTestPng(dir: string, name = "photo.png", width = 24, height = 12, seed = 1): string {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const sky = y < height / 2;
      data[o] = sky ? 60 + rng.int(20) : 20 + ((x * 7) % 40);
      data[o + 1] = sky ? 120 + rng.int(20) : 140 + rng.int(40);
      data[o + 2] = sky ? 220 + rng.int(30) : 30 + rng.int(20);
    }
  }
  const path = join(dir, name);
  writeFileSync(path, encodePng({ width, height, data }));
  return path;
}
