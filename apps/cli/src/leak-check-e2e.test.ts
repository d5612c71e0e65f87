import { discoverPlugins } from "@colorize/runtime";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTestPng } from "./testing/harness.js";

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
