import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { computeMetrics, deltaE2000Map, labPixels, type Metrics, prepareTask } from "@colorize/core";
import { encodePng, readImage } from "@colorize/image-io";
import { loadPluginFrom, runComparison } from "@colorize/runtime";
import { afterAll, describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../reference/skimage_metrics.py", import.meta.url));
const PHOTOS = fileURLToPath(new URL("../../../../shared/images", import.meta.url));

/** Debian's python3 has scikit-image (python3-skimage); a pyenv `python3` earlier on PATH may not. */
function findPython(): string | undefined {
  for (const python of ["/usr/bin/python3", "python3"]) {
    const r = spawnSync(python, [SCRIPT, "--versions"], { encoding: "utf8" });
    if (r.status === 0) return python;
  }
  return undefined;
}
const python = findPython();

// Tolerances: what float64 arithmetic in another order needs, except where scikit-image 0.19 converts
// sRGB to CIELAB with other constants (its XYZ matrix has 6 decimals where ours has 7: entries differ by
// up to 7.7e-5), which the test pins down as the whole difference.
/** SSIM: the same windowed sums accumulated in another order. */
const SSIM_ATOL = 1e-12;
/** PSNR and RMSE: one sum of squares; relative. */
const RTOL = 1e-12;
/** Linear sRGB to XYZ: ours (7 decimals) against scikit-image's (6 decimals). */
const MATRIX_ATOL = 1e-4;
/** CIELAB per pixel: the matrices' difference moves L*, a*, b* by up to about 0.005. */
const LAB_ATOL = 0.006;
/** CIEDE2000 per pixel of the same CIELAB values: the formula alone. */
const FORMULA_ATOL = 1e-9;
/** Mean CIEDE2000 from each library's own CIELAB: the matrices' difference, averaged. */
const MEAN_DE_ATOL = 1e-3;
/** AuC of the ab error from each library's own CIELAB: pixels whose ab error sits by an integer. */
const AUC_ATOL = 1e-5;
/** colorize's linear sRGB to XYZ (D65) matrix, as packages/core/src/metrics/color.ts has it. */
const OUR_MATRIX = [
  [0.4124564, 0.3575761, 0.1804375],
  [0.2126729, 0.7151522, 0.072175],
  [0.0193339, 0.119192, 0.9503041],
];

const temp: string[] = [];
afterAll(() => {
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

/** Writes a band's files for the script and returns its manifest entry and our metrics. */
function pair(
  dir: string,
  name: string,
  truth: string,
  labTruth: string,
  pred: Uint8Array,
  w: number,
  h: number,
) {
  const file = (suffix: string) => join(dir, `${name}.${suffix}`);
  writeFileSync(file("png"), encodePng({ width: w, height: h, data: pred }));
  writeFileSync(file("lab.f64"), labPixels(pred));
  return {
    name,
    truth,
    pred: file("png"),
    width: w,
    height: h,
    labTruth,
    labPred: file("lab.f64"),
    de: file("de.f64"),
  };
}

describe.skipIf(!python || !existsSync(PHOTOS))(
  "metrics against scikit-image itself (skipped: no python3 with scikit-image, or no shared photographs)",
  () => {
    it("SSIM, PSNR, RMSE, CIELAB, CIEDE2000 and the AuC of ab error agree on two photographs, for the basic agent and gray", async () => {
      const dir = mkdtempSync(join(tmpdir(), "colorize-skimage-"));
      temp.push(dir);
      const knn = await loadPluginFrom(fileURLToPath(new URL("../../plugin-knn", import.meta.url)));
      const pairs: ReturnType<typeof pair>[] = [];
      const ours = new Map<string, Metrics>();
      for (const photo of ["chelsea.png", "rocket.jpg"]) {
        const image = await readImage(join(PHOTOS, photo));
        const task = prepareTask(image, { k: 5, seed: 0 });
        const r = await runComparison({ image, imagePath: photo, agents: [{ loaded: knn }], task });
        const { width, height } = task.test;
        const gray = new Uint8Array(width * height * 3);
        for (let i = 0; i < width * height; i++) gray.fill(Math.round(task.test.gray[i]), 3 * i, 3 * i + 3);
        const truth = join(dir, `${photo}.truth.png`);
        writeFileSync(truth, encodePng({ width, height, data: task.truth }));
        const labTruth = join(dir, `${photo}.lab.f64`);
        writeFileSync(labTruth, labPixels(task.truth));
        for (const [who, pred] of [
          ["knn", r.outputs.get("knn")!],
          ["gray", gray],
        ] as const) {
          const p = pair(dir, `${photo} ${who}`, truth, labTruth, pred, width, height);
          writeFileSync(p.de, deltaE2000Map(task.truth, pred));
          pairs.push(p);
          ours.set(p.name, computeMetrics(task.truth, pred, width, height, task.palette));
        }
      }
      const manifest = join(dir, "pairs.json");
      writeFileSync(manifest, JSON.stringify(pairs));
      const theirs = JSON.parse(
        execFileSync(python!, [SCRIPT, manifest], { encoding: "utf8", timeout: 120_000 }),
      );
      expect(Object.keys(theirs)).toEqual([...ours.keys(), "matrix"]);
      const matrixDiff = Math.max(
        ...OUR_MATRIX.flatMap((row, i) => row.map((v, j) => Math.abs(v - theirs.matrix[i][j]))),
      );
      expect(matrixDiff).toBeLessThanOrEqual(MATRIX_ATOL);
      for (const [name, m] of ours) {
        const s = theirs[name];
        expect(Math.abs(m.ssim - s.ssim), `${name} SSIM ${m.ssim} vs ${s.ssim}`).toBeLessThanOrEqual(
          SSIM_ATOL,
        );
        expect(Math.abs(m.rmse - s.rmse) / s.rmse, `${name} RMSE`).toBeLessThanOrEqual(RTOL);
        expect(Math.abs(m.psnr - s.psnr) / s.psnr, `${name} PSNR`).toBeLessThanOrEqual(RTOL);
        expect(s.labMaxDiff, `${name} CIELAB`).toBeLessThanOrEqual(LAB_ATOL);
        expect(s.formulaMaxDiff, `${name} CIEDE2000 of the same CIELAB`).toBeLessThanOrEqual(FORMULA_ATOL);
        expect(Math.abs(m.deltaE2000 - s.deltaE2000), `${name} mean CIEDE2000`).toBeLessThanOrEqual(
          MEAN_DE_ATOL,
        );
        expect(Math.abs(m.aucAb - s.aucAb), `${name} AuC ab`).toBeLessThanOrEqual(AUC_ATOL);
        // Not a comparison of two constants: every row is far from a perfect prediction.
        expect(s.deltaE2000).toBeGreaterThan(0.5);
      }
    });
  },
);
