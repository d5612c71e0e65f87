import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { compare, format, photoName } from "./compare-reference.mjs";

const unit = (image, seed, scores) => ({
  image,
  seed,
  agents: Object.entries(scores).map(([name, d]) => ({ name, metrics: { deltaE2000: d } })),
});
const ref = (best_row, rows) => ({
  rows: Object.fromEntries(Object.entries(rows).map(([k, d]) => [k, { deltaE2000: d }])),
  best_row,
  best_deltaE2000: rows[best_row],
});

// Hand-worked: photo a's best agent (y, 4) is below its best row (mlp_reg 5); photo b's (x, 6) is not
// below gray's 6 (a tie is not a win). Means: best (4 + 6) / 2 = 5, MLPRegressor (5 + 7) / 2 = 6, so
// 1/6 = 16.67 % below; x (8 + 6) / 2 = 7, y (4 + 9) / 2 = 6.5.
const results = {
  units: [
    unit("images/a.png", 0, { x: 8, y: 4 }),
    unit("images/b.jpg", 0, { x: 6, y: 9 }),
    unit("images/c.png", 0, { x: 1, y: 1 }),
    unit("images/a.png", 1, { x: 3, y: Number.NaN }),
  ],
};
const reference = {
  a: ref("mlp_reg", { gray: 9, mlp_reg: 5 }),
  b: ref("gray", { gray: 6, mlp_reg: 7 }),
};

describe("compare-reference", () => {
  it("names a photograph by its file name without the extension", () => {
    expect(photoName("x/y/kodim01.png")).toBe("kodim01");
    expect(photoName({ path: "/p/rocket.jpg" })).toBe("rocket");
  });

  it("counts, averages and lists the losses per seed as worked by hand", () => {
    const report = compare(results, reference);
    expect(report.unmatched).toEqual(["c"]);
    const [s0, s1] = report.seeds;
    expect(s0).toMatchObject({ seed: 0, photos: 2, belowBestRow: 1, bestMean: 5, mlpRegMean: 6 });
    expect(s0.belowMlpRegPercent).toBeCloseTo(100 / 6, 12);
    expect(s0.agentMeans).toEqual({ x: 7, y: 6.5 });
    expect(s0.losses).toEqual([{ photo: "b", agent: "x", best: 6, row: "gray", rowDeltaE: 6 }]);
    // Seed 1: y's NaN is not a score; x's 3 is below a's row.
    expect(s1).toMatchObject({ seed: 1, photos: 1, belowBestRow: 1, bestMean: 3 });
    expect(s1.agentMeans).toEqual({ x: 3 });
  });

  it("formats one table row per seed and one line per loss", () => {
    const lines = format(compare(results, reference));
    expect(lines[2]).toBe("| 0 | 1 of 2 | 5.000 | 6.000 | 16.67 % | x 7.000, y 6.500 |");
    expect(lines).toContain("- seed 0, b: x 6.000 against gray 6.000");
    expect(lines.at(-1)).toBe("- no reference rows for: c");
  });

  const dir = mkdtempSync(join(tmpdir(), "compare-reference-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = fileURLToPath(new URL("./compare-reference.mjs", import.meta.url));

  it("reads the files from the command line", () => {
    writeFileSync(join(dir, "results.json"), JSON.stringify(results));
    writeFileSync(join(dir, "a.json"), JSON.stringify(reference.a));
    writeFileSync(join(dir, "b.json"), JSON.stringify(reference.b));
    const out = execFileSync(process.execPath, [script, join(dir, "results.json"), dir], {
      encoding: "utf8",
    });
    expect(out).toContain("| 0 | 1 of 2 | 5.000 | 6.000 | 16.67 % |");
  });

  it("refuses a file that is not a results document in one line", () => {
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ rows: [] }));
    const r = spawnSync(process.execPath, [script, join(dir, "bad.json"), dir], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/not a colorize eval results.json/);
  });
});
