import { describe, expect, it } from "vitest";
import { runBin, runCli } from "../testing/harness.js";

describe("colorize dashboard outside a terminal", () => {
  it("refuses in one line with exit code 2 and points to colorize eval", async () => {
    const r = await runCli(["dashboard"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "colorize: the dashboard needs an interactive terminal; use `colorize eval` (or `colorize run --json`) in scripts and pipes\n",
    );
  });
  it("refuses from the built binary with piped stdout, before reading anything", () => {
    const r = runBin(["dashboard", "no-such-image.png"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^colorize: the dashboard needs an interactive terminal; use `colorize eval`/m);
  });
  it("names a bad option value before anything else", async () => {
    const r = await runCli(["dashboard", "--k", "0"]);
    expect([r.code, r.stderr]).toEqual([2, 'colorize: --k must be an integer from 1 to 255, got "0"\n']);
  });
});
