// Screenshots one image's before/after view of a report.html with headless Chromium, as in the
// README:
//   node packages/evaluator/scripts/screenshot-report.mjs OUT/report.html IMAGE-ID SHOT.png [DIVIDER] [heat]
// IMAGE-ID is a section id of the report, e.g. img-coffee-png; DIVIDER the divider's place in
// percent (default: the split column); `heat` switches the heat map on. Needs Debian's chromium
// (or CHROMIUM=path).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [report, id, shot, divider, heat] = process.argv.slice(2);
if (!report || !id || !shot) {
  console.error("usage: screenshot-report.mjs REPORT.html IMAGE-ID SHOT.png");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(resolve(report)).href);
  await page.waitForFunction(() => document.body.hasAttribute("data-images-ok"));
  const section = page.locator(`#${id}`);
  const view = section.locator(".compare");
  // As a person would: keys on the divider, a click on the checkbox.
  if (divider !== undefined) await view.getByRole("slider").fill(divider);
  if (heat === "heat") await view.getByRole("checkbox").check();
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement?.blur());
  // The heading, the before/after view and the score table below it, in page coordinates.
  const clip = await section.evaluate((e) => {
    const page = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + scrollX, y: r.top + scrollY, bottom: r.bottom + scrollY };
    };
    const head = page(e.querySelector("h2"));
    const table = page(e.querySelector(".scroll"));
    const x = page(e.querySelector(".compare")).x - 8;
    return {
      x,
      y: head.y - 8,
      width: document.documentElement.clientWidth - 2 * x,
      height: table.bottom - head.y + 16,
    };
  });
  await page.screenshot({ path: shot, fullPage: true, clip });
  console.log(`wrote ${shot}`);
} finally {
  await browser.close();
}
