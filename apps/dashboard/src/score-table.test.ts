import { describe, expect, it } from "vitest";
import { foldEvent, newRun } from "./run-reducer.js";
import { scoreTableLines } from "./score-table.js";
import type { RunState } from "./state.js";
import { fakeMetrics, fakeResult } from "./testing/fakes.js";

function finishedRun(): RunState {
  let run = newRun({ imagePath: "p.png", agents: ["a", "b", "c"], k: 5, seed: 0, at: 0 });
  run = foldEvent(run, { type: "baseline", name: "gray", metrics: fakeMetrics(0) }, 0);
  run = foldEvent(run, { type: "baseline", name: "paletteCeiling", metrics: fakeMetrics(9) }, 0);
  run = foldEvent(run, { type: "result", result: fakeResult("a", fakeMetrics(2), 1.5) }, 1);
  run = foldEvent(
    run,
    { type: "result", result: fakeResult("b", { ...fakeMetrics(5), ssim: Number.NaN }, 0.25) },
    2,
  );
  run = foldEvent(run, { type: "result", result: fakeResult("c", fakeMetrics(3), 3) }, 3);
  return run;
}

const names = (lines: string[]) => lines.slice(2).map((l) => l.split(" ")[0]);

describe("scoreTableLines", () => {
  it("prints the CLI's columns, agents in run order, then the reference rows", () => {
    expect(scoreTableLines(finishedRun(), { column: 0, reversed: false })).toEqual([
      "agent▼             acc   RMSE  PSNR dB    SSIM   ΔE00  AuC ab    M3  seconds",
      "───────────────  ─────  ─────  ───────  ──────  ─────  ──────  ────  ───────",
      "a                0.200  38.00    12.00  0.1000  18.00   0.167  20.0     1.50",
      "b ✓ best         0.500  35.00    15.00     n/a  15.00   0.417  50.0     0.25",
      "c                0.300  37.00    13.00  0.1500  17.00   0.250  30.0     3.00",
      "gray             0.000  40.00    10.00  0.0000  20.00   0.000   0.0      ref",
      "palette-ceiling  0.900  31.00    19.00  0.4500  11.00   0.750  90.0      ref",
    ]);
  });
  it("sorts a metric best first (higher accuracy, lower RMSE), reversed on request, NaN last", () => {
    const run = finishedRun();
    expect(names(scoreTableLines(run, { column: 1, reversed: false }))).toEqual([
      "b",
      "c",
      "a",
      "gray",
      "palette-ceiling",
    ]);
    expect(names(scoreTableLines(run, { column: 2, reversed: false }))).toEqual([
      "b",
      "c",
      "a",
      "gray",
      "palette-ceiling",
    ]);
    expect(names(scoreTableLines(run, { column: 2, reversed: true }))).toEqual([
      "a",
      "c",
      "b",
      "gray",
      "palette-ceiling",
    ]);
    expect(names(scoreTableLines(run, { column: 4, reversed: false }))).toEqual([
      "c",
      "a",
      "b",
      "gray",
      "palette-ceiling",
    ]);
    expect(names(scoreTableLines(run, { column: 8, reversed: false }))).toEqual([
      "b",
      "a",
      "c",
      "gray",
      "palette-ceiling",
    ]);
    expect(scoreTableLines(run, { column: 2, reversed: true })[0]).toContain("RMSE▲");
  });
});
