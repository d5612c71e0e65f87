import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { discoverPlugins } from "@colorize/runtime";
import { describe, expect, it } from "vitest";

/** The folder holding the package.json of the module `entry`. */
function packageDir(entry: string): string {
  let dir = dirname(entry);
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}

/** The test files under a package's src folder. */
function testFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(".test.ts")) out.push(join(d, e.name));
    }
  };
  if (existsSync(join(dir, "src"))) walk(join(dir, "src"));
  return out;
}

describe("the conformance kit", () => {
  it("runs on every plugin of the workspace (a test of its package calls describePlugin on it)", async () => {
    const found = await discoverPlugins({ onProblem: () => {} });
    // The four plugins of the workspace at least; any added later must run the kit too.
    expect(found.length).toBeGreaterThanOrEqual(4);
    const without = found
      .filter(
        (p) =>
          !testFiles(packageDir(p.entry)).some((f) => /\bdescribePlugin\(/.test(readFileSync(f, "utf8"))),
      )
      .map((p) => p.name);
    expect(without).toEqual([]);
  });
});
