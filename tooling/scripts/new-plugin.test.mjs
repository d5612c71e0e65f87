import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const script = join(here, "new-plugin.mjs");
const tmp = mkdtempSync(join(tmpdir(), "colorize-new-plugin-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The child processes must not think they run inside this test runner.
const env = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "FORCE_COLOR"),
  ),
  NO_COLOR: "1",
};

function scaffold(...args) {
  return spawnSync(process.execPath, [script, ...args, "--packages", tmp], { encoding: "utf8", env });
}

/** Links what pnpm would link for the scaffolded package: core, the shared vitest config, vitest. */
function linkDependencies(dir) {
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, "@colorize"), { recursive: true });
  symlinkSync(join(root, "packages", "core"), join(modules, "@colorize", "core"), "dir");
  symlinkSync(join(root, "tooling", "vitest"), join(modules, "@colorize", "vitest-config"), "dir");
  symlinkSync(realpathSync(join(here, "node_modules", "vitest")), join(modules, "vitest"), "dir");
}

describe("pnpm new:plugin", () => {
  it("refuses a bad name with one line and exit code 2", () => {
    for (const bad of ["Bad_Name", "-x", "9lives", "double--dash", "trailing-"]) {
      const r = scaffold(bad);
      expect(r.status, bad).toBe(2);
      expect(r.stderr.trim().split("\n"), bad).toHaveLength(1);
      expect(existsSync(join(tmp, `plugin-${bad}`))).toBe(false);
    }
  });

  it("scaffolds a package that passes the conformance kit", () => {
    const made = scaffold("demo-lookup");
    expect(made.status, made.stderr).toBe(0);
    const dir = join(tmp, "plugin-demo-lookup");
    for (const f of [
      "package.json",
      "tsconfig.json",
      "tsconfig.build.json",
      "vitest.config.ts",
      "src/index.ts",
      "src/plugin.ts",
      "src/plugin.test.ts",
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    linkDependencies(dir);
    const vitest = join(realpathSync(join(here, "node_modules", "vitest")), "vitest.mjs");
    const run = spawnSync(process.execPath, [vitest, "run", "--root", dir], {
      cwd: dir,
      encoding: "utf8",
      env,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(/Tests\s+[1-9][0-9]* passed/);
    expect(output).not.toMatch(/failed/);
  });

  it("refuses an existing package with one line and exit code 1", () => {
    const r = scaffold("demo-lookup");
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/already exists/);
  });
});
