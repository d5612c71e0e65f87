/// <reference lib="dom" />
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RgbImage } from "@colorize/core";
import { decodeImage } from "@colorize/image-io";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlan, runEvaluation } from "./evaluate.js";
import { testAgents } from "./testing/setup.js";
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

const executablePath = findChromium();
// In CI the browser is installed by .ci/run, so its absence there is a failure, not a skip.
const skip = !executablePath && !process.env.CI;
if (skip)
  console.warn("report-browser: skipped because chromium is not installed (apt-get install chromium)");

/** The shipped photograph: a real 600x400 picture, so that the size check means something. */
const PHOTO = fileURLToPath(new URL("../../../assets/coffee.png", import.meta.url));
/** The budget of issue #15: the seven shared photographs with every agent in 3 MB. */
const PER_PHOTOGRAPH = 3_000_000 / 7;

const temp: string[] = [];
let browser: Browser | undefined;
let page: Page;
let out: string;
let full: string;

beforeAll(async () => {
  if (skip) return;
  expect(executablePath, "chromium must be installed in CI (.ci/run installs it)").toBeDefined();
  const { agents, fixtureDir } = await testAgents();
  out = mkdtempSync(join(tmpdir(), "colorize-report-"));
  full = mkdtempSync(join(tmpdir(), "colorize-report-full-"));
  temp.push(fixtureDir, out, full);
  const plan = makePlan({
    images: [relative(process.cwd(), PHOTO)],
    seeds: [0],
    agents,
    kStudy: [2, 3],
    sweeps: [{ agent: "shifted", param: "shift", values: [0, 10] }],
  });
  const { results, artifacts } = await runEvaluation({ plan, agents, jobs: 1, artifacts: true });
  await writeOutputs(out, results, artifacts);
  await writeOutputs(full, results, artifacts, { report: "full" });
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(join(out, "report.html")).href);
  await page.waitForFunction(() => document.body.hasAttribute("data-images-ok"));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

/** The compare view's frame as pixels, from a screenshot of the page. */
async function framePixels(): Promise<RgbImage> {
  return decodeImage(new Uint8Array(await page.locator(".compare .frame").first().screenshot()));
}

/** Mean absolute difference of two equally sized screenshots over columns [x0, x1) (fractions of the width). */
function difference(a: RgbImage, b: RgbImage, x0: number, x1: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = Math.floor(x0 * a.width); x < Math.floor(x1 * a.width); x++) {
      for (let c = 0; c < 3; c++)
        sum += Math.abs(a.data[(y * a.width + x) * 3 + c] - b.data[(y * b.width + x) * 3 + c]);
      n += 3;
    }
  }
  return sum / n;
}

describe.skipIf(skip)("report.html in headless Chromium", () => {
  it("is small: display-size pictures, within the budget of a photograph, far below the full form", () => {
    const light = statSync(join(out, "report.html")).size;
    const archived = statSync(join(full, "report.html")).size;
    expect(light).toBeLessThanOrEqual(PER_PHOTOGRAPH);
    expect(light * 3).toBeLessThan(archived);
  });

  it("decodes every inline image and draws every plot as vector text", async () => {
    const state = await page.evaluate(() => ({
      images: [...document.images].map((i) => i.complete && i.naturalWidth > 0),
      mark: document.body.getAttribute("data-images-ok"),
      figures: [...document.querySelectorAll("figure.plot")].map((f) => ({
        texts: f.querySelectorAll("svg text").length,
        imgs: f.querySelectorAll("img, canvas").length,
        caption: f.querySelector("figcaption")?.textContent ?? "",
      })),
    }));
    // The original, the shared left half, three agents' output and heat map, and the gray input.
    expect(state.images).toHaveLength(9);
    expect(state.images.every(Boolean)).toBe(true);
    expect(state.mark).toBe("9/9");
    // Curves of the two fixture agents, the k study and the sweep.
    expect(state.figures).toHaveLength(4);
    for (const f of state.figures) {
      expect(f.texts).toBeGreaterThan(10);
      expect(f.imgs).toBe(0);
      expect(f.caption.length).toBeGreaterThan(20);
    }
  });

  it("fits a 1280 px window: no sideways scrolling of the page, the summary table or the navigation", async () => {
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      summary: (() => {
        const box = document.querySelector("#summary .scroll")!;
        return [box.scrollWidth, box.clientWidth];
      })(),
      nav: [document.querySelector("nav")!.scrollWidth, document.querySelector("nav")!.clientWidth],
    }));
    expect(widths.page).toBeLessThanOrEqual(1280);
    expect(widths.summary[0]).toBeLessThanOrEqual(widths.summary[1]);
    expect(widths.nav[0]).toBeLessThanOrEqual(widths.nav[1]);
  });

  it("moves the divider by dragging it: the picture changes between the old and new places only", async () => {
    const divider = page.getByRole("slider").first();
    expect(await divider.getAttribute("value")).toBe("50");
    const before = await framePixels();
    const box = (await page.locator(".compare .frame").first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.15, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const value = Number(await divider.inputValue());
    expect(value).toBeGreaterThanOrEqual(13);
    expect(value).toBeLessThanOrEqual(17);
    const after = await framePixels();
    // Between 17 % and 48 %: the original before, the agent's palette-coloured left half now.
    expect(difference(before, after, 0.17, 0.48)).toBeGreaterThan(3);
    // Right of the split the agent's output was shown before and after; left of 13 % the original.
    expect(difference(before, after, 0.52, 1)).toBeLessThan(0.5);
    expect(difference(before, after, 0, 0.12)).toBeLessThan(0.5);
    expect(await divider.getAttribute("aria-valuetext")).toMatch(/^original left of \d+ %, \S+ right$/);
  });

  it("moves the divider with the keyboard, as an accessible slider", async () => {
    const divider = page.getByRole("slider", { name: /coffee\.png: divider/ });
    await divider.focus();
    await page.keyboard.press("Home");
    expect(await divider.inputValue()).toBe("0");
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    expect(await divider.inputValue()).toBe("5");
    await page.keyboard.press("End");
    expect(await divider.inputValue()).toBe("100");
    // All the way right: only the original is seen, as if the agent's layer were not there.
    const shown = await framePixels();
    const after = page.locator(".compare .after").first();
    await after.evaluate((e) => {
      (e as HTMLElement).style.visibility = "hidden";
    });
    const original = await framePixels();
    await after.evaluate((e) => {
      (e as HTMLElement).style.visibility = "";
    });
    expect(difference(shown, original, 0, 1)).toBeLessThan(0.5);
    await page.keyboard.press("PageDown");
    const down = Number(await divider.inputValue());
    expect(down).toBeLessThan(100);
    expect(difference(await framePixels(), original, (down + 1) / 100, 1)).toBeGreaterThan(3);
    await page.keyboard.press("Home");
    expect(await divider.getAttribute("aria-valuetext")).toMatch(/^original left of 0 %/);
  });

  it("shows the ΔE2000 heat map as a third layer, and another agent or the gray input on request", async () => {
    const toggle = page.getByLabel("ΔE2000 heat map of the right half").first();
    await page.getByRole("slider").first().fill("50");
    // Focus stays on the checkbox, so that only the layers differ between the screenshots.
    await toggle.focus();
    const before = await framePixels();
    const visible = () =>
      page.evaluate(() =>
        [...document.querySelectorAll(".compare .after img")]
          .filter((i) => getComputedStyle(i).display !== "none")
          .map((i) => `${i.getAttribute("data-option")}:${i.getAttribute("data-kind")}`),
      );
    const chosen = await page.locator(".compare input[type=radio]:checked").first().inputValue();
    expect(await visible()).toEqual(["*:out", `${chosen}:out`]);
    await toggle.check();
    expect(await visible()).toEqual(["*:out", `${chosen}:out`, `${chosen}:heat`]);
    const heat = await framePixels();
    expect(difference(before, heat, 0.52, 1)).toBeGreaterThan(3);
    expect(difference(before, heat, 0, 0.48)).toBeLessThan(0.5);
    // Choosing with the keyboard: the radio group of the view.
    await page.locator(".compare input[type=radio]:checked").first().focus();
    await page.keyboard.press("ArrowDown");
    const next = await page.locator(".compare input[type=radio]:checked").first().inputValue();
    expect(next).not.toBe(chosen);
    expect(await visible()).toEqual(
      next === "gray" ? ["gray:gray"] : ["*:out", `${next}:out`, `${next}:heat`],
    );
    await page.locator(".compare input[type=radio][value=gray]").first().check();
    expect(await visible()).toEqual(["gray:gray"]);
    expect(await toggle.isDisabled()).toBe(true);
  });

  it("links each picture to its full-size PNG beside the page", async () => {
    const links = await page.evaluate(() =>
      [...document.querySelectorAll(".compare .files a")].map((a) => a.getAttribute("href")!),
    );
    expect(links.length).toBe(1 + 3 * 2 + 1);
    for (const href of links) {
      const file = resolve(out, href);
      expect(existsSync(file), href).toBe(true);
      expect([...readFileSync(file).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    }
  });
});
