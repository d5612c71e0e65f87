import { describe, expect, it } from "vitest";
import { candidateTable, generalisation } from "./choose.js";
import { chooseMarkdown } from "./choose-md.js";
import type { EvalResults } from "./schema.js";

const atol = 1e-12;

/**
 * Results of candidates on images, seed by seed: `scores[candidate][image]` is one ΔE2000 per
 * seed (null: the agent failed there). Only what choosing reads is filled in.
 */
function results(
  names: readonly string[],
  scores: readonly (readonly (readonly (number | null)[])[])[],
  metric: "deltaE2000" | "psnr" = "deltaE2000",
): EvalResults {
  const images = scores[0].map((_, i) => `photos/p${i}.png`);
  const seeds = scores[0][0].map((_, s) => s);
  const units = images.flatMap((image, i) =>
    seeds.map((seed) => ({
      image,
      seed,
      agents: names.flatMap((name, c) => {
        const v = scores[c][i][seed];
        return v === null ? [] : [{ name, metrics: { [metric]: v } }];
      }),
      errors: [],
    })),
  );
  return {
    plan: { images, seeds, agents: names.map((name) => ({ name })) },
    units,
  } as unknown as EvalResults;
}

// Worked by hand: A wins three images by a little and loses the fourth badly; B is best on
// average; C is best on one image only.
const A = [[1], [1], [1], [5]];
const B = [[2], [2], [2], [0]];
const C = [[3], [0], [3], [3]];

describe("choosing a default", () => {
  it("chooses the best mean and scores each image with the choice made on the others", () => {
    const table = candidateTable(results(["A", "B", "C"], [A, B, C]));
    const g = generalisation(table);
    expect(table.candidates[g.chosen]).toBe("B");
    expect(g.chosenMean).toBeCloseTo(1.5, 12);
    // Left out p0, p1 or p2, B still wins (4/3 against 7/3 and 2 or 3); left out p3, A wins (1 against 2).
    expect(g.heldOut.map((h) => table.candidates[h.chosen])).toEqual(["B", "B", "B", "A"]);
    expect(g.heldOut.map((h) => h.score)).toEqual([2, 2, 2, 5]);
    expect(Math.abs(g.heldOutMean - 2.75)).toBeLessThan(atol);
    expect(g.agreeing).toBe(3);
    expect(g.heldOut.map((h) => table.candidates[h.best])).toEqual(["A", "C", "A", "B"]);
    expect(Math.abs(g.oracleMean - 0.5)).toBeLessThan(atol);
  });

  it("chooses on alternate images and scores the choice on the others", () => {
    const g = generalisation(candidateTable(results(["A", "B", "C"], [A, B, C])));
    // On p0, p2 A wins (1 against 2 and 3) and scores (1 + 5) / 2 on p1, p3, whose own choice B scores 1.
    expect(g.halves[0]).toEqual({
      chosenOn: ["photos/p0.png", "photos/p2.png"],
      chosen: 0,
      otherMean: 3,
      otherOwnMean: 1,
    });
    // On p1, p3 B wins (1 against 3 and 1.5) and scores 2 on p0, p2, whose own choice A scores 1.
    expect(g.halves[1]).toEqual({
      chosenOn: ["photos/p1.png", "photos/p3.png"],
      chosen: 1,
      otherMean: 2,
      otherOwnMean: 1,
    });
  });

  it("averages over seeds, breaks ties towards the earlier candidate, and follows the metric's direction", () => {
    const t = candidateTable(
      results(
        ["A", "B"],
        [
          [
            [0.5, 1.5],
            [3, 3],
          ],
          [
            [1, 1],
            [3, 3],
          ],
        ],
      ),
    );
    expect(t.scores).toEqual([
      [1, 3],
      [1, 3],
    ]);
    expect(generalisation(t).chosen).toBe(0);
    // A has the higher mean PSNR (26 against 25.5) though B would win were lower better.
    const p = candidateTable(
      results(
        ["A", "B"],
        [
          [[20], [32]],
          [[25], [26]],
        ],
        "psnr",
      ),
      "psnr",
    );
    expect(p.better).toBe("higher");
    expect(generalisation(p).chosen).toBe(0);
  });

  it("leaves out an image where a candidate failed, and says so", () => {
    const t = candidateTable(
      results(
        ["A", "B"],
        [
          [[1], [2], [3]],
          [[1], [null], [3]],
        ],
      ),
    );
    expect(t.images).toEqual(["photos/p0.png", "photos/p2.png"]);
    expect(t.skipped).toEqual(["photos/p1.png (no ΔE00 of B)"]);
  });

  it("refuses an unknown candidate and a single one", () => {
    const r = results(["A", "B"], [A, B]);
    expect(() => candidateTable(r, "deltaE2000", ["A", "Z"])).toThrow(/no agent Z/);
    expect(() => candidateTable(r, "deltaE2000", ["A"])).toThrow(/at least two candidates/);
  });

  it("writes the means, the choice, the held-out figures and a row per image", () => {
    const table = candidateTable(results(["A", "B", "C"], [A, B, C]));
    const md = chooseMarkdown(table, generalisation(table));
    expect(md).toContain("| B | 1.500 | 1 | 3 |");
    expect(md).toContain("Chosen on all 4 images: **B** (mean 1.500).");
    expect(md).toContain("scores a mean 2.750 on the image left out; the choice is B for 3 of 4 images");
    expect(md).toContain("| p3 | A | 5.000 | B | 0.000 |");
  });
});
