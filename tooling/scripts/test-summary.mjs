#!/usr/bin/env node
// Sums the vitest JSON reports that every package wrote during `turbo run test` and prints one
// closing line, "N passed, N failed, N skipped". Exits 1 when a test or a test file failed, when none
// ran, or, under CI=true, when a suite that CI must run was skipped (see REQUIRED_IN_CI).
// Usage: node tooling/scripts/test-summary.mjs [ROOT] (default: the repository this script is in).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Suites that skip themselves when something they need is missing, and that CI provides (`.ci/run`
 * installs or lays it out), so a skip there means CI lost a check. Matched against a test's full name.
 */
export const REQUIRED_IN_CI = [
  { what: "the shared photographs", pattern: /photograph/i },
  { what: "tmux", pattern: /tmux/i },
  { what: "Chromium", pattern: /chromium/i },
  { what: "scikit-image", pattern: /scikit-image/i },
  { what: "scikit-learn", pattern: /scikit-learn/i },
];

const SKIPPED = new Set(["skipped", "pending", "todo", "disabled"]);

/** Totals of the reports under ROOT/{packages,apps,tooling}/NAME/node_modules/.vitest/report.json. */
export function summarise(root) {
  const total = { reports: 0, passed: 0, failed: 0, failedFiles: 0, skipped: [] };
  for (const group of ["packages", "apps", "tooling"]) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name, "node_modules", ".vitest", "report.json");
      if (!existsSync(file)) continue;
      const r = JSON.parse(readFileSync(file, "utf8"));
      total.reports++;
      total.passed += r.numPassedTests ?? 0;
      total.failed += r.numFailedTests ?? 0;
      total.failedFiles += r.numFailedTestSuites ?? 0;
      for (const suite of r.testResults ?? []) {
        for (const t of suite.assertionResults ?? []) {
          if (SKIPPED.has(t.status)) total.skipped.push(`${group}/${name}: ${t.fullName ?? t.title}`);
        }
      }
    }
  }
  return total;
}

/** The lines to print and the exit code for `total`; `ci` says whether CI=true. */
export function verdict(total, ci) {
  const lines = [`${total.passed} passed, ${total.failed} failed, ${total.skipped.length} skipped`];
  const problems = [];
  if (total.reports === 0) problems.push("no test report was found");
  else if (total.passed === 0) problems.push("no test ran");
  if (total.failedFiles > 0 && total.failed === 0)
    problems.push(`${total.failedFiles} test file(s) failed to run`);
  const lost = ci ? total.skipped.filter((name) => REQUIRED_IN_CI.some((r) => r.pattern.test(name))) : [];
  for (const name of lost) problems.push(`skipped under CI=true, which must provide what it needs: ${name}`);
  for (const name of total.skipped) if (!lost.includes(name)) lines.push(`skipped: ${name}`);
  for (const p of problems) lines.push(`test-summary: ${p}`);
  const code = total.failed > 0 || problems.length > 0 ? 1 : 0;
  return { lines, code };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL("../..", import.meta.url)));
  const { lines, code } = verdict(summarise(root), process.env.CI === "true" || process.env.CI === "1");
  // The closing line is what CI reads: print it last.
  for (const line of lines.slice(1)) console.log(line);
  console.log(lines[0]);
  process.exit(code);
}
