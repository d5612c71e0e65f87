import { describe, expect, it } from "vitest";
import { fitExponent, fmt, ratio, table } from "./harness.js";

const atol = 1e-12;

describe("bench harness", () => {
  it("fits the exponent of a power law exactly", () => {
    const xs = [1, 4, 16, 64];
    expect(
      Math.abs(
        fitExponent(
          xs,
          xs.map((x) => 3 * x ** 1.5),
        ) - 1.5,
      ),
    ).toBeLessThan(atol);
    expect(fitExponent([2], [3])).toBeNaN();
  });

  it("prints aligned Markdown tables with right-aligned numeric columns", () => {
    expect(
      table(
        ["name", "s"],
        [
          ["a", 1.5],
          ["bb", 10.25],
        ],
      ),
    ).toBe(["| name |     s |", "|------|------:|", "| a    |  1.50 |", "| bb   | 10.25 |"].join("\n"));
    expect(table(["n"], [[7]])).toBe(["| n |", "|--:|", "| 7 |"].join("\n"));
  });

  it("formats missing numbers and ratios", () => {
    expect(fmt(Number.NaN)).toBe("-");
    expect(ratio(2, 0)).toBeNaN();
    expect(ratio(3, 2)).toBe(1.5);
  });
});
