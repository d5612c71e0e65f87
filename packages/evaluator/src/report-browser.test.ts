import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { makePlan, runEvaluation } from "./evaluate.js";
import { testAgents, writeImages } from "./testing/setup.js";
import { writeOutputs } from "./write-outputs.js";

/** Debian's chromium (or another name for it) on PATH. */
function findChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

const chromium = findChromium();
// In CI the browser is installed by .ci/run, so its absence there is a failure, not a skip.
const skip = !chromium && !process.env.CI;
const temp: string[] = [];
afterAll(() => {
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

function browse(args: string[], url: string): string {
  const profile = mkdtempSync(join(tmpdir(), "colorize-chromium-"));
  temp.push(profile);
  return execFileSync(
    chromium!,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      "--virtual-time-budget=5000",
      ...args,
      url,
    ],
    { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] },
  );
}

describe.skipIf(skip)(
  "report.html in headless Chromium (skipped: chromium is not installed and CI is not set)",
  () => {
    it("decodes every inline image and renders a page with content", async () => {
      expect(chromium, "chromium must be installed in CI (.ci/run installs it)").toBeDefined();
      const images = writeImages();
      const { agents, fixtureDir } = await testAgents();
      const out = mkdtempSync(join(tmpdir(), "colorize-report-"));
      temp.push(images.dir, fixtureDir, out);
      const plan = makePlan({
        images: [relative(process.cwd(), images.paths[0])],
        seeds: [0],
        agents,
        kStudy: [2, 3, 4],
        sweeps: [{ agent: "shifted", param: "shift", values: [0, 10] }],
      });
      const { results, artifacts } = await runEvaluation({ plan, agents, jobs: 1, artifacts: true });
      await writeOutputs(out, results, artifacts);
      const url = pathToFileURL(join(out, "report.html")).href;

      const dom = browse(["--dump-dom"], url);
      const imgs = [...dom.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
      // outputs, heat map, two fixture agents' curves, the k study and the sweep.
      expect(imgs).toHaveLength(6);
      for (const tag of imgs) expect(tag).toContain('data-ok="1"');
      expect(dom).toContain('data-images-ok="6/6"');

      const shot = join(out, "shot.png");
      browse([`--screenshot=${shot}`, "--window-size=1200,3000"], url);
      const png = readFileSync(shot);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // IHDR width and height: the window size.
      expect(png.readUInt32BE(16)).toBe(1200);
      expect(png.readUInt32BE(20)).toBe(3000);
    });
  },
);
