import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
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

/** Links what pnpm would link for the scaffolded package: core, the shared configs, vitest, @types/node. */
function linkDependencies(dir) {
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, "@colorize"), { recursive: true });
  mkdirSync(join(modules, "@types"), { recursive: true });
  symlinkSync(join(root, "packages", "core"), join(modules, "@colorize", "core"), "dir");
  symlinkSync(join(root, "tooling", "vitest"), join(modules, "@colorize", "vitest-config"), "dir");
  symlinkSync(join(root, "tooling", "typescript"), join(modules, "@colorize", "tsconfig"), "dir");
  symlinkSync(realpathSync(join(here, "node_modules", "vitest")), join(modules, "vitest"), "dir");
  const types = realpathSync(join(root, "packages", "core", "node_modules", "@types", "node"));
  symlinkSync(types, join(modules, "@types", "node"), "dir");
}

function run(dir, args) {
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", env });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

/** The package's own checks, as `pnpm test` runs them: its tests, its typecheck and lint. */
function checkPackage(dir) {
  linkDependencies(dir);
  const vitest = join(realpathSync(join(here, "node_modules", "vitest")), "vitest.mjs");
  const tests = run(dir, [vitest, "run", "--root", dir, "--reporter", "verbose"]);
  expect(tests.status, tests.output).toBe(0);
  expect(tests.output).toMatch(/Tests\s+[1-9][0-9]* passed/);
  expect(tests.output).not.toMatch(/failed/);
  const tsc = run(dir, [
    join(root, "node_modules", "typescript", "bin", "tsc"),
    "-p",
    "tsconfig.json",
    "--noEmit",
  ]);
  expect(tsc.status, tsc.output).toBe(0);
  const biome = join(root, "node_modules", "@biomejs", "biome", "bin", "biome");
  const lint = run(dir, [biome, "check", "--config-path", join(root, "biome.json"), dir]);
  expect(lint.status, lint.output).toBe(0);
  return tests.output;
}

/** Files below `dir` (node_modules aside), as sorted relative paths. */
function filesOf(dir, prefix = "") {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .filter((e) => e.name !== "node_modules")
    .flatMap((e) => (e.isDirectory() ? filesOf(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

/**
 * Each scaffold test runs a package's tests, typecheck and lint in child processes: about 10 s on
 * a free machine, several times that while `pnpm test` runs every other package beside it.
 */
const PACKAGE_CHECKS_MS = 300_000;

describe("pnpm new:plugin", () => {
  it("refuses a bad name or kind with one line and exit code 2", () => {
    for (const bad of ["Bad_Name", "-x", "9lives", "double--dash", "trailing-"]) {
      const r = scaffold(bad);
      expect(r.status, bad).toBe(2);
      expect(r.stderr.trim().split("\n"), bad).toHaveLength(1);
      expect(existsSync(join(tmp, `plugin-${bad}`))).toBe(false);
    }
    for (const kind of [["--kind", "network"], ["--kind"]]) {
      const r = scaffold("fine", ...kind);
      expect(r.status, kind.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^new-plugin: --kind must be agent or model; usage/);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(existsSync(join(tmp, "plugin-fine"))).toBe(false);
  });

  it(
    "scaffolds an agent plugin (the default kind) that passes the conformance kit, typecheck and lint",
    () => {
      const made = scaffold("demo-lookup");
      expect(made.status, made.stderr).toBe(0);
      const dir = join(tmp, "plugin-demo-lookup");
      expect(filesOf(dir)).toEqual([
        "README.md",
        "package.json",
        "src/index.ts",
        "src/plugin.test.ts",
        "src/plugin.ts",
        "tsconfig.build.json",
        "tsconfig.json",
        "vitest.config.ts",
      ]);
      expect(checkPackage(dir)).toMatch(/@colorize\/plugin-demo-lookup conformance/);
    },
    PACKAGE_CHECKS_MS,
  );

  it(
    "scaffolds a model plugin that passes the conformance kit and its gradient check, typecheck and lint",
    () => {
      const made = scaffold("demo", "--kind", "model");
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toMatch(/\(model plugin\)/);
      const dir = join(tmp, "plugin-demo");
      expect(filesOf(dir)).toContain("src/objective.ts");
      const output = checkPackage(dir);
      expect(output).toMatch(/@colorize\/plugin-demo conformance/);
      expect(output).toMatch(/passes the float64 gradient check on every parameter block/);
    },
    PACKAGE_CHECKS_MS,
  );

  it("refuses an existing package with one line and exit code 1, whatever the kind", () => {
    for (const args of [["demo-lookup"], ["demo-lookup", "--kind", "model"], ["demo", "--kind", "agent"]]) {
      const r = scaffold(...args);
      expect(r.status, args.join(" ")).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/already exists/);
    }
  });
});
