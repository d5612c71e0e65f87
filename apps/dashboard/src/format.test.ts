import { describe, expect, it } from "vitest";
import { estimateLeft, fitEnd, fitStart, formatDuration, formatNumber, progressBar } from "./format.js";

describe("formatDuration", () => {
  it("uses tenths under 10 s, whole seconds under a minute, then m:ss and h:mm:ss", () => {
    expect([0, 849, 9949, 10_000, 59_999, 60_000, 185_000, 3_723_000].map(formatDuration)).toEqual([
      "0.0s",
      "0.8s",
      "9.9s",
      "10s",
      "59s",
      "1:00",
      "3:05",
      "1:02:03",
    ]);
    expect(formatDuration(-1)).toBe("-");
  });
});

describe("progressBar", () => {
  it("fills whole cells, then one eighth block, then shade, always exactly `width` cells", () => {
    expect(progressBar(0, 4)).toBe("░░░░");
    expect(progressBar(0.5, 4)).toBe("██░░");
    // 0.3 x 4 cells = 1.2 cells = 9.6 eighths -> 10 eighths: one full block and a quarter block.
    expect(progressBar(0.3, 4)).toBe("█▎░░");
    expect(progressBar(1, 4)).toBe("████");
    expect(progressBar(7, 3)).toBe("███");
    expect(progressBar(Number.NaN, 2)).toBe("░░");
  });
});

describe("estimateLeft", () => {
  it("extrapolates linearly from the fraction done, and refuses to guess from under 1 %", () => {
    expect(estimateLeft(10_000, 0.25)).toBe(30_000);
    expect(estimateLeft(10_000, 1)).toBe(0);
    expect(estimateLeft(10_000, 0.005)).toBeUndefined();
    expect(estimateLeft(10_000, 0)).toBeUndefined();
  });
});

describe("fitEnd, fitStart and formatNumber", () => {
  it("pads or cuts by code points, marking a cut with an ellipsis", () => {
    expect(fitEnd("ΔE00", 6)).toBe("ΔE00  ");
    expect(fitEnd("abcdef", 4)).toBe("abc…");
    expect(fitStart("7", 3)).toBe("  7");
    expect(fitEnd("x", 0)).toBe("");
  });
  it("writes inf and n/a like the CLI's tables", () => {
    expect(formatNumber(Number.POSITIVE_INFINITY, 2)).toBe("inf");
    expect(formatNumber(Number.NaN, 2)).toBe("n/a");
    expect(formatNumber(undefined, 2)).toBe("n/a");
    expect(formatNumber(1.23456, 3)).toBe("1.235");
  });
});
