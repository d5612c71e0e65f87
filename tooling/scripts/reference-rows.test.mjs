import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./reference-rows.py", import.meta.url));
const CLI = fileURLToPath(new URL("../../apps/cli/dist/bin.js", import.meta.url));

/** Debian's python3 has scikit-learn (python3-sklearn); a pyenv `python3` earlier on PATH may not. */
function findPython() {
  for (const python of ["/usr/bin/python3", "python3"]) {
    const r = spawnSync(python, ["-c", "import sklearn, skimage, scipy, PIL, numpy"], { encoding: "utf8" });
    if (r.status === 0) return python;
  }
  return undefined;
}
const python = findPython();

// A 64x40 photograph-like picture (smooth colour ramps, a few edges, some texture), with a
// half-transparent block so that the PNG copy's compositing over white is exercised, and a JPEG of it.
const MAKE_IMAGES = `
import sys, numpy as np
from PIL import Image
h, w = 40, 64
y, x = np.mgrid[0:h, 0:w]
r = 40 + 3 * x + 20 * ((x // 9 + y // 7) % 2)
g = 60 + 4 * y + 10 * np.sin(x / 3.0)
b = 200 - 2 * x - y + 15 * ((x * 7 + y * 13) % 5 == 0)
rgb = np.clip(np.stack([r, g, b], -1), 0, 255).astype(np.uint8)
alpha = np.full((h, w, 1), 255, np.uint8)
alpha[5:15, 40:55] = 128
Image.fromarray(np.concatenate([rgb, alpha], -1), "RGBA").save(sys.argv[1] + "/ramps.png")
Image.fromarray(rgb).save(sys.argv[1] + "/ramps-jpeg.jpg", quality=90)
`;

const temp = [];
afterAll(() => {
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!python || !existsSync(CLI))(
  "reference rows of an independent scikit-learn run (skipped: no python3 with scikit-learn, scikit-image, scipy and Pillow, or the CLI not built)",
  () => {
    const input = mkdtempSync(join(tmpdir(), "reference-rows-in-"));
    const output = mkdtempSync(join(tmpdir(), "reference-rows-out-"));
    temp.push(input, output);

    it("writes each photograph's rows and the PNG copy it scored, whose gray row colorize's own gray baseline matches", () => {
      execFileSync(python, ["-c", MAKE_IMAGES, input]);
      const printed = execFileSync(python, [SCRIPT, input, output], { encoding: "utf8" });
      expect(printed.trim().split("\n")).toHaveLength(2);
      // colorize's gray baseline (ΔE2000 of R = G = B = gray on the right half) of a photograph.
      const grayBaseline = (file, out) =>
        JSON.parse(
          execFileSync(process.execPath, [CLI, "run", file, "--json", "--out", join(output, out)], {
            encoding: "utf8",
          }),
        ).baselines.gray.deltaE2000;
      const copies = {};
      for (const name of ["ramps", "ramps-jpeg"]) {
        const doc = JSON.parse(readFileSync(join(output, `${name}.json`), "utf8"));
        expect(doc.size).toEqual([64, 40]);
        expect(Object.keys(doc.rows).sort()).toEqual(["basic", "gray", "logreg", "mlp_clf", "mlp_reg"]);
        const scores = Object.values(doc.rows).map((r) => r.deltaE2000);
        for (const s of scores) expect(Number.isFinite(s) && s >= 0).toBe(true);
        expect(doc.best_deltaE2000).toBe(Math.min(...scores));
        expect(doc.rows[doc.best_row].deltaE2000).toBe(doc.best_deltaE2000);
        // The same pixels on both sides: colorize's gray baseline on the PNG copy is the reference's gray row
        // (both CIEDE2000 on R = G = B = the rounded gray; the libraries' CIELAB constants differ by ~1e-4).
        copies[name] = grayBaseline(join(output, "png", `${name}.png`), `${name}.out.png`);
        expect(Math.abs(copies[name] - doc.rows.gray.deltaE2000)).toBeLessThan(2e-3);
      }
      // The copy of the half-transparent PNG is composited over white, as colorize decodes the original.
      expect(grayBaseline(join(input, "ramps.png"), "original.out.png")).toBe(copies.ramps);
    });

    it("refuses a folder without photographs in one line, writing nothing", () => {
      const empty = mkdtempSync(join(tmpdir(), "reference-rows-empty-"));
      temp.push(empty);
      const out = join(empty, "out");
      const r = spawnSync(python, [SCRIPT, empty, out], { encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toEqual([`reference-rows: no PNG or JPEG in ${empty}`]);
      expect(existsSync(out)).toBe(false);
    });
  },
);
