import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { discoverPlugins } from "@colorize/runtime";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTestPng } from "./testing/harness.js";

/**
 * An outside plugin whose prediction drifts from one run to the next in the same process (a
 * module-level counter added to every channel): what a leak looks like to the check, since the
 * second run is on the scrambled photograph. The negative control of the end-to-end check.
 */
function writeDriftingPlugin(dir: string): string {
  const pkg = join(dir, "drift");
  mkdirSync(pkg);
  writeFileSync(
    join(pkg, "package.json"),
    JSON.stringify({
      name: "@colorize/plugin-drift",
      version: "1.0.0",
      type: "module",
      exports: { ".": { default: "./index.mjs" } },
      colorize: { plugin: true },
    }),
  );
  writeFileSync(
    join(pkg, "index.mjs"),
    `let runs = 0;
function make(config) {
  let shift = 0;
  return {
    async fit(train, ctx) { shift = runs++ % 2; ctx.onProgress?.({ type: "stage", stage: "fit", fraction: 1 }); return {}; },
    async predict(test) {
      const rgb = new Uint8Array(test.gray.length * 3);
      for (let i = 0; i < test.gray.length; i++) rgb.fill(Math.min(255, Math.round(test.gray[i]) + shift), 3 * i, 3 * i + 3);
      return { rgb, backend: "js" };
    },
    toJSON() { return { plugin: "@colorize/plugin-drift", version: "1.0.0", config, state: null }; },
  };
}
export default {
  meta: { name: "@colorize/plugin-drift", version: "1.0.0", kind: "agent", description: { summary: "drifts between runs" } },
  capabilities: { output: "rgb", backends: ["js"], gradients: false, iterative: false },
  params: {},
  create: (config) => make(config),
  restore: (s) => make(s.config),
};
`,
  );
  return pkg;
}

describe("colorize eval --leak-check end to end", () => {
  it("every learned plugin predicts byte for byte the same when only the right half's true colours change", async () => {
    const learned = (await discoverPlugins({ onProblem: () => {} }))
      .filter((p) => p.plugin.meta.kind === "model")
      .map((p) => p.short);
    // The workspace's three model plugins at least; any added later is checked too.
    expect(learned.length).toBeGreaterThanOrEqual(3);
    const dir = tempDir();
    const image = writeTestPng(dir, "photo.png", 48, 24, 5);
    const r = await runCli([
      "eval",
      image,
      "--agents",
      learned.join(","),
      "--leak-check",
      "--k-study",
      "none",
      "--sweep",
      "none",
      "--jobs",
      "1",
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.leaks).toEqual([]);
    expect(doc.units[0].errors).toEqual([]);
    expect(doc.units[0].leakCheck).toEqual(learned.map((agent) => ({ agent, identical: true })));
  }, 600_000);
});

describe("colorize eval --leak-check, its negative control", () => {
  it("fails a plugin whose prediction changes on the scrambled photograph: exit 1, a line naming it", async () => {
    const dir = tempDir();
    const drift = writeDriftingPlugin(dir);
    const image = writeTestPng(dir, "photo.png", 24, 12, 5);
    const before = readdirSync(dir).sort();
    const args = ["--plugin", drift, "eval", image, "--agents", "logreg,drift", "--leak-check"];
    const fast = ["--k-study", "none", "--sweep", "none", "--jobs", "1", "--json"];
    const r = await runCli([...args, ...fast]);
    expect(r.code, r.stderr).toBe(1);
    // Progress lines, then the one failure line.
    const lines = r.stderr.trim().split("\n");
    expect(lines.slice(0, -1).every((l) => /^colorize: photo\.png seed 0 (started|done in)/.test(l))).toBe(
      true,
    );
    expect(lines.at(-1)).toBe(
      "colorize: leak check failed: drift changed prediction when only the right half's true colours changed",
    );
    const doc = JSON.parse(r.stdout);
    expect(doc.leaks).toEqual(["drift"]);
    expect(doc.units[0].leakCheck).toEqual([
      { agent: "logreg", identical: true },
      { agent: "drift", identical: false },
    ]);
    expect(readdirSync(dir).sort()).toEqual(before);
  }, 600_000);
});
