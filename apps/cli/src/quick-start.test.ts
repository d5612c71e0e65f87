import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBin } from "./testing/harness.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const assets = join(root, "assets");

describe("the README's quick start", () => {
  it("succeeds when a person runs it a second time", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = readme.slice(readme.indexOf("## Quick start")).match(/```sh\n([^\n]+)\n```/)![1];
    const command = block.split(" && ").pop();
    // The last step of the quick start, and what `pnpm colorize` runs.
    expect(command).toBe("pnpm colorize run");
    const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts;
    expect(scripts.colorize).toBe("node apps/cli/dist/bin.js");

    const before = new Set(readdirSync(assets));
    try {
      const first = runBin(["run"], root);
      expect(first.code, first.stderr).toBe(0);
      const second = runBin(["run"], root);
      expect(second.code, second.stderr).toBe(0);
      const made = readdirSync(assets).filter((f) => !before.has(f));
      expect(made).toHaveLength(2);
      for (const f of made) expect(f).toMatch(/^coffee\.colorized(-\d+)?\.png$/);
      expect(second.stderr).toMatch(/exists; writing assets\/coffee\.colorized-\d+\.png/);
      for (const r of [first, second]) expect(r.stdout).toMatch(/^agent .*\n[\s\S]*\npalette-ceiling /);
    } finally {
      for (const f of readdirSync(assets)) if (!before.has(f)) rmSync(join(assets, f), { force: true });
    }
  }, 120_000);
});
