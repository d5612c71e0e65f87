import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { builtWorker } from "./built-worker.js";

describe("builtWorker", () => {
  // A package folder with src/run.ts, dist/run.js and dist/work.js, as after a build.
  const pkg = mkdtempSync(join(tmpdir(), "colorize-built-worker-"));
  mkdirSync(join(pkg, "src"));
  mkdirSync(join(pkg, "dist"));
  for (const f of ["src/run.ts", "dist/run.js", "dist/work.js"]) writeFileSync(join(pkg, f), "");
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));
  const url = (f: string) => pathToFileURL(join(pkg, f)).href;

  it("takes the worker beside a built module", () => {
    expect(builtWorker(url("dist/run.js"), "work.js")).toBe(join(pkg, "dist", "work.js"));
  });
  it("takes the package's built worker for a source module", () => {
    expect(builtWorker(url("src/run.ts"), "work.js")).toBe(join(pkg, "dist", "work.js"));
  });
  it("finds nothing when the package is not built", () => {
    expect(builtWorker(url("src/run.ts"), "other.js")).toBeUndefined();
  });
});
