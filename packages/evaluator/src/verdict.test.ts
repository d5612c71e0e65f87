import { describe, expect, it } from "vitest";
import { verdict } from "./verdict.js";

describe("verdict", () => {
  it("names the best agent and how far below the basic agent it is, rounded to a whole percent", () => {
    const v = verdict([
      { name: "knn", role: "basic", deltaE2000: 6.44 },
      { name: "logreg", deltaE2000: 6.55 },
      { name: "rgb-mlp", role: null, deltaE2000: 4.7 },
    ]);
    // (6.44 - 4.70) / 6.44 = 27.0 %.
    expect(v).toEqual({
      best: "rgb-mlp",
      text: "rgb-mlp: ΔE2000 4.70, 27 % below the basic agent knn (6.44)",
    });
  });
  it("finds the basic agent by its role, whatever it is called", () => {
    const v = verdict([
      { name: "mine", deltaE2000: 3 },
      { name: "knn", deltaE2000: 2 },
      { name: "patches", role: "basic", deltaE2000: 4 },
    ]);
    expect(v?.text).toBe("knn: ΔE2000 2.00, 50 % below the basic agent patches (4.00)");
  });
  it("says when the basic agent is best, when a tie keeps it level, and when there is none", () => {
    expect(
      verdict([
        { name: "knn", role: "basic", deltaE2000: 2 },
        { name: "b", deltaE2000: 3 },
      ])?.text,
    ).toBe("knn: ΔE2000 2.00, the basic agent is the best of 2 agents");
    expect(
      verdict([
        { name: "a", deltaE2000: 2 },
        { name: "knn", role: "basic", deltaE2000: 2 },
      ])?.text,
    ).toBe("a: ΔE2000 2.00, as low as the basic agent knn");
    expect(
      verdict([
        { name: "a", deltaE2000: 2.004 },
        { name: "knn", role: "basic", deltaE2000: 2.005 },
      ])?.text,
    ).toBe("a: ΔE2000 2.00, less than 1 % below the basic agent knn (2.00)");
    expect(
      verdict([
        { name: "a", deltaE2000: 5 },
        { name: "b", deltaE2000: 4 },
      ])?.text,
    ).toBe("b: ΔE2000 4.00, best of 2 agents (none of them declares the basic role)");
  });
  it("gives nothing for fewer than two scored agents, and skips agents without a score", () => {
    expect(verdict([{ name: "a", deltaE2000: 1 }])).toBeNull();
    expect(
      verdict([
        { name: "a", deltaE2000: 1 },
        { name: "b", deltaE2000: Number.NaN },
      ]),
    ).toBeNull();
    expect(
      verdict([
        { name: "a", deltaE2000: Number.NaN, role: "basic" },
        { name: "b", deltaE2000: 3 },
        { name: "c", deltaE2000: 2 },
      ])?.best,
    ).toBe("c");
  });
});
