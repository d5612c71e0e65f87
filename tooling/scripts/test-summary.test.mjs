import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const script = join(dirname(fileURLToPath(import.meta.url)), "test-summary.mjs");
const roots = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A repository with one package whose report has the given tests ([fullName, status]). */
function repo(tests, extra = {}) {
  const root = mkdtempSync(join(tmpdir(), "colorize-summary-"));
  roots.push(root);
  const dir = join(root, "packages", "demo", "node_modules", ".vitest");
  mkdirSync(dir, { recursive: true });
  const count = (s) => tests.filter(([, status]) => status === s).length;
  const report = {
    numPassedTests: count("passed"),
    numFailedTests: count("failed"),
    numPendingTests: count("skipped"),
    numTodoTests: count("todo"),
    numFailedTestSuites: 0,
    testResults: [{ assertionResults: tests.map(([fullName, status]) => ({ fullName, status })) }],
    ...extra,
  };
  writeFileSync(join(dir, "report.json"), JSON.stringify(report));
  return root;
}

function summary(root, ci) {
  const env = { ...process.env };
  delete env.CI;
  if (ci) env.CI = "true";
  const r = spawnSync(process.execPath, [script, root], { encoding: "utf8", env });
  return { code: r.status, lines: r.stdout.trim().split("\n") };
}

describe("the root test summary", () => {
  it("ends with the closing line CI reads and passes when every test passed", () => {
    const r = summary(repo([["a works", "passed"]]), true);
    expect(r).toEqual({ code: 0, lines: ["1 passed, 0 failed, 0 skipped"] });
  });

  it("fails under CI=true when a suite CI must run was skipped, and only says so otherwise", () => {
    for (const name of [
      "the shared photographs retina.jpg decodes at 1411x1411",
      "colorize dashboard in a real terminal (tmux) runs",
      "report.html in headless Chromium decodes every image",
      "metrics against scikit-image itself: SSIM",
    ]) {
      const root = repo([
        ["a works", "passed"],
        [name, "skipped"],
      ]);
      const ci = summary(root, true);
      expect(ci.code, name).toBe(1);
      expect(ci.lines).toEqual([
        `test-summary: skipped under CI=true, which must provide what it needs: packages/demo: ${name}`,
        "1 passed, 0 failed, 1 skipped",
      ]);
      const local = summary(root, false);
      expect(local.code).toBe(0);
      expect(local.lines).toEqual([`skipped: packages/demo: ${name}`, "1 passed, 0 failed, 1 skipped"]);
    }
  });

  it("lets an optional peer's test skip under CI (scipy for the bench)", () => {
    const r = summary(
      repo([
        ["a works", "passed"],
        ["scipy's cKDTree finds the same distances", "skipped"],
      ]),
      true,
    );
    expect(r.code).toBe(0);
  });

  it("fails on a failed test, a test file that could not run, and no test at all", () => {
    expect(summary(repo([["a works", "failed"]]), false).code).toBe(1);
    const broken = summary(repo([["a works", "passed"]], { numFailedTestSuites: 1 }), false);
    expect(broken.code).toBe(1);
    expect(broken.lines[0]).toBe("test-summary: 1 test file(s) failed to run");
    expect(summary(repo([]), false).code).toBe(1);
  });
});
