import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeTestPng } from "./testing/harness.js";

/** Each inline picture of a report: its data URI and the file it stands for. */
const pictures = (html: string) =>
  [...html.matchAll(/<img [^>]*src="data:([^;]+);base64,([^"]+)"[^>]*data-file="([^"]+)"/g)].map((m) => ({
    type: m[1],
    bytes: Buffer.from(m[2], "base64"),
    file: m[3],
  }));

describe("colorize eval --report-full", () => {
  it("inlines the full-size PNGs in report.html; without it, display-size pictures of the same files", async () => {
    const dir = tempDir();
    const input = writeTestPng(dir, "photo.png", 48, 24);
    const args = ["eval", input, "--agents", "knn", "--k-study", "none", "--sweep", "none"];
    const light = await runCli([...args, "--out-dir", join(dir, "light")]);
    expect(light.code, light.stderr).toBe(0);
    const full = await runCli([...args, "--report-full", "--out-dir", join(dir, "full")]);
    expect(full.code, full.stderr).toBe(0);
    const inFull = pictures(readFileSync(join(dir, "full", "report.html"), "utf8"));
    // The original, the gray input, knn's output and its heat map.
    expect(inFull.map((p) => p.file).sort()).toEqual(
      ["gray", "heat-knn", "original", "output-knn"].map((n) => `images/photo-png/${n}.png`),
    );
    for (const p of inFull) {
      expect(p.type).toBe("image/png");
      expect(p.bytes).toEqual(readFileSync(join(dir, "full", p.file)));
    }
    // The light form inlines knn's output in two parts, split at the split column.
    const inLight = pictures(readFileSync(join(dir, "light", "report.html"), "utf8"));
    expect(inLight.map((p) => p.file).filter((f) => f.endsWith("output-knn.png"))).toHaveLength(2);
    expect(inLight).toHaveLength(5);
  });
});
