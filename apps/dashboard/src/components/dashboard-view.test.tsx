import { grayToRgb, toGray } from "@colorize/core";
import { syntheticImage } from "@colorize/runtime/testing";
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { initialState, reduce } from "../reducer.js";
import { initialSetup } from "../setup-form.js";
import type { Action, DashboardState } from "../state.js";
import { FAKE_PLUGINS, fakeMetrics, fakeResult } from "../testing/fakes.js";
import { DashboardView } from "./dashboard-view.js";

/** The last frame drawn for a state, as lines without trailing spaces. */
function frame(state: DashboardState): string[] {
  const r = render(<DashboardView state={state} />);
  const f = r.lastFrame() ?? "";
  r.unmount();
  return f.split("\n").map((l) => l.trimEnd());
}
/** An expected frame written as a template literal that starts and ends with a newline. */
const lines = (text: string) => text.slice(1, -1).split("\n");
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are what is being removed
const visible = (l: string) => [...l.replace(/\x1b\[[0-9;]*m/g, "")].length;

const fold = (s: DashboardState, actions: Action[]) => actions.reduce(reduce, s);
const at80 = () =>
  initialState(initialSetup(FAKE_PLUGINS, { imagePath: "photos/coffee.png", enabled: ["knn", "mlp"] }), {
    columns: 80,
    rows: 24,
    colorMode: "none",
    now: 0,
  });

/** knn finished, mlp at epoch 6 of 20, the clock at 19.3 s: a run caught in the middle. */
const midRun = (): DashboardState => {
  const original = syntheticImage(32, 16);
  return fold(at80(), [
    { type: "run-start", agents: ["knn", "mlp"], basic: "knn", at: 10_000 },
    { type: "pictures", original, gray: grayToRgb(toGray(original)) },
    {
      type: "engine",
      event: { type: "start", image: { path: "photos/coffee.png", width: 600, height: 400 } },
      at: 10_000,
    },
    {
      type: "engine",
      event: { type: "split", column: 300, trainWidth: 300, testWidth: 300, validationColumns: 30 },
      at: 10_000,
    },
    { type: "engine", event: { type: "baseline", name: "gray", metrics: fakeMetrics(1) }, at: 10_100 },
    {
      type: "engine",
      event: { type: "baseline", name: "paletteCeiling", metrics: fakeMetrics(9) },
      at: 10_100,
    },
    { type: "engine", event: { type: "agent-start", agent: "knn", index: 0, total: 2 }, at: 10_200 },
    { type: "engine", event: { type: "result", result: fakeResult("knn", fakeMetrics(4), 2.5) }, at: 12_700 },
    { type: "output", agent: "knn", image: original },
    { type: "engine", event: { type: "agent-start", agent: "mlp", index: 1, total: 2 }, at: 12_800 },
    ...[0.9, 0.7, 0.55, 0.5, 0.42, 0.4].map(
      (loss, i): Action => ({
        type: "engine",
        event: {
          type: "epoch",
          agent: "mlp",
          epoch: i + 1,
          epochs: 20,
          trainLoss: loss,
          validMetric: 14 - i,
          metric: "ΔE00",
        },
        at: 12_800 + 1000 * (i + 1),
      }),
    ),
    { type: "tick", now: 19_300 },
  ]);
};

/** The run above finished: mlp done at epoch 20, better than knn by ΔE00. */
const finished = (): DashboardState =>
  fold(midRun(), [
    { type: "engine", event: { type: "result", result: fakeResult("mlp", fakeMetrics(6), 9.5) }, at: 22_300 },
    { type: "engine", event: { type: "done", seconds: 12.3 }, at: 22_300 },
  ]);

const RUN_DONE = `
colorize · coffee.png 600×400 · split at 300 · k 5 · seed 0          done in 12s
  agent        progress              epoch      loss     valid elapsed      left
  knn          █████████████ 100%        -         -         -    2.5s      done
› mlp          █████████████ 100%     6/20       0.4         9    9.5s      done
 1 loss   2 preview  [3 scores] ────────────────────────────────────────────────
agent▼             acc   RMSE  PSNR dB    SSIM   ΔE00  AuC ab    M3  seconds
───────────────  ─────  ─────  ───────  ──────  ─────  ──────  ────  ───────
knn              0.400  36.00    14.00  0.2000  16.00   0.333  40.0     2.50
mlp ✓ best       0.600  34.00    16.00  0.3000  14.00   0.500  60.0     9.50
gray             0.100  39.00    11.00  0.0500  19.00   0.083  10.0      ref
palette-ceiling  0.900  31.00    19.00  0.4500  11.00   0.750  90.0      ref

mlp: ΔE2000 14.00, 13 % below the basic agent knn (16.00)









1 loss · 2 preview · ←→ sort · enter reverse · s save · n new run · q quit
`;

const SETUP_80x24 = `
colorize dashboard · set up a run

  Image    photos/coffee.png
  k        5
  seed     0
  [x] knn          knn summary
        neighbours     6          integer 1..64
        search         ‹ auto ›   auto | brute-force
  [x] mlp          mlp summary
        epochs         20         integer 1..500
        rate           0.01       number 0..1
        hidden         32,16      integer-list 1..512
        standardize    ‹ yes ›    yes | no
› ▶ Start run (2 agents)






  runs each ticked agent in turn on the image

↑↓/tab move · enter edit/select · space toggle · ←→ change · r run · q quit
`;

const SETUP_REFUSED = `
colorize dashboard · set up a run

  Image    photos/coffee.png
› k        500▏
  seed     0
  [x] knn          knn summary
        neighbours     6          integer 1..64
        search         ‹ auto ›   auto | brute-force
  [x] mlp          mlp summary
        epochs         20         integer 1..500
        rate           0.01       number 0..1
        hidden         32,16      integer-list 1..512
        standardize    ‹ yes ›    yes | no
  ▶ Start run (2 agents)






  palette size (k-means on the left half), integer 1..255
parameter k must be <= 255, got 500
type a value · enter accept · esc cancel · backspace delete
`;

const SETUP_80x12 = `
colorize dashboard · set up a run (12/12)

  [x] mlp          mlp summary
        epochs         20         integer 1..500
        rate           0.01       number 0..1
        hidden         32,16      integer-list 1..512
        standardize    ‹ yes ›    yes | no
› ▶ Start run (2 agents)
  runs each ticked agent in turn on the image

↑↓/tab move · enter edit/select · space toggle · ←→ change · r run · q quit
`;

const RUN_LOSS = `
colorize · coffee.png 600×400 · split at 300 · k 5 · seed 0         running 9.3s
  agent        progress              epoch      loss     valid elapsed      left
  knn          █████████████ 100%        -         -         -    2.5s      done
› mlp          ███▉░░░░░░░░░  30%     6/20       0.4         9    6.5s      ~15s
[1 loss]  2 preview   3 scores  ────────────────────────────────────────────────
mlp: train loss by epoch · epoch 6/20 · valid ΔE00 9
      0.9 ┼╮
   0.8615 ┤│
   0.8231 ┤│
   0.7846 ┤│
   0.7462 ┤│
   0.7077 ┤╰╮
   0.6692 ┤ │
   0.6308 ┤ │
   0.5923 ┤ │
   0.5538 ┤ ╰╮
   0.5154 ┤  ╰╮
   0.4769 ┤   │
   0.4385 ┤   ╰╮
      0.4 ┤    ╰
    epoch  1    6

↑↓ agent · ←→/tab pane · s save · c cancel agent · q quit
`;

const RUN_SCORES = `
colorize · coffee.png 600×400 · split at 300 · k 5 · seed 0         running 9.3s
  agent        progress              epoch      loss     valid elapsed      left
  knn          █████████████ 100%        -         -         -    2.5s      done
› mlp          ███▉░░░░░░░░░  30%     6/20       0.4         9    6.5s      ~15s
 1 loss   2 preview  [3 scores] ────────────────────────────────────────────────
agent             acc▼   RMSE  PSNR dB    SSIM   ΔE00  AuC ab    M3  seconds
───────────────  ─────  ─────  ───────  ──────  ─────  ──────  ────  ───────
knn              0.400  36.00    14.00  0.2000  16.00   0.333  40.0     2.50
gray             0.100  39.00    11.00  0.0500  19.00   0.083  10.0      ref
palette-ceiling  0.900  31.00    19.00  0.4500  11.00   0.750  90.0      ref












1 loss · 2 preview · ←→ sort · enter reverse · s save · c cancel agent · q quit
`;

const RUN_PREVIEW_NO_COLOR = `
colorize · coffee.png 600×400 · split at 300 · k 5 · seed 0         running 9.3s
  agent        progress              epoch      loss     valid elapsed      left
  knn          █████████████ 100%        -         -         -    2.5s      done
› mlp          ███▉░░░░░░░░░  30%     6/20       0.4         9    6.5s      ~15s
 1 loss  [2 preview]  3 scores  ────────────────────────────────────────────────
original                   gray input                 knn output
=-===+*++======+++===-==== =-===+*++=====++++===-==== =-===+*++======+++===-====
=++++=+===+=+++=+==-+++++= =++++=+===+=+++=+==-+++++= =++++=+===+=+++=+==-+++++=
+*++===++++++-====++++==== ++++===++++++-====++++==== +*++===++++++-====++++====
==++++*++===+++**+====++++ ==++++*++===+++**+====++++ ==++++*++===+++**+====++++
+*++======***=====+=**+=+= +*++======***=====+=**+=+= +*++======***=====+=**+=+=
++====++**=====++**+=====+ ++====++**=====++**+=====+ ++====++**=====++**+=====+
==++++++====+**+++===++**+ ==++++++====+**+++===++**+ ==++++++====+**+++===++**+









↑↓ agent · ←→/tab pane · s save · c cancel agent · q quit
`;

describe("DashboardView at 80x24 without colour", () => {
  it("shows the set-up form with every agent's parameters, the field hint and the help line", () => {
    expect(frame(at80())).toEqual(lines(SETUP_80x24));
  });
  it("keeps a refused value in the field and says why", () => {
    const s = fold(at80(), [
      { type: "move", delta: -10 },
      { type: "edit-start" },
      { type: "edit-input", text: "00" },
      { type: "edit-commit" },
    ]);
    expect(frame(s)).toEqual(lines(SETUP_REFUSED));
  });
  it("scrolls the form to keep the cursor in view on a short window", () => {
    expect(frame({ ...at80(), rows: 12 })).toEqual(lines(SETUP_80x12));
  });
  it("shows rows with progress, epoch, loss, validation metric, elapsed and time left, and the loss curve", () => {
    expect(frame(midRun())).toEqual(lines(RUN_LOSS));
  });
  it("shows the comparison table sorted by the chosen column", () => {
    expect(
      frame(
        fold(midRun(), [
          { type: "pane", to: "scores" },
          { type: "sort", delta: 1 },
        ]),
      ),
    ).toEqual(lines(RUN_SCORES));
  });
  it("brings the scores to the front when the run is done, with the best agent marked and the verdict", () => {
    expect(frame(finished())).toEqual(lines(RUN_DONE));
    // A pane the person picks afterwards stays.
    expect(frame(fold(finished(), [{ type: "pane", to: "loss" }]))[4]).toContain("[1 loss]");
  });
  it("draws original, gray input and outputs as shade characters when colour is off", () => {
    expect(frame(fold(midRun(), [{ type: "pane", to: "preview" }]))).toEqual(lines(RUN_PREVIEW_NO_COLOR));
  });
});

describe("DashboardView at other sizes", () => {
  const sizes = [
    [80, 24],
    [100, 30],
    [132, 43],
    [60, 20],
  ];
  it("fills one line less than the window and never draws past its width, on every pane and screen", () => {
    for (const [columns, rows] of sizes) {
      for (const colorMode of ["none", "256", "truecolor"] as const) {
        const states = [
          { ...at80(), columns, rows, colorMode },
          ...(["loss", "preview", "scores"] as const).map((pane) => ({
            ...midRun(),
            columns,
            rows,
            colorMode,
            pane,
          })),
        ];
        for (const s of states) {
          const f = frame(s);
          expect(f).toHaveLength(rows - 1);
          expect(Math.max(...f.map(visible))).toBeLessThanOrEqual(columns);
        }
      }
    }
  });
  it("re-lays out on resize: wider bars and larger pictures", () => {
    const small = frame({ ...midRun(), pane: "preview" });
    const large = frame({ ...midRun(), pane: "preview", columns: 100, rows: 30 });
    const bar = (f: string[]) => [...f[2]].filter((c) => c === "█").length;
    expect([bar(small), bar(large)]).toEqual([13, 33]);
    // 32x16 pictures: 26 cells wide in thirds of 80 columns, 32 in thirds of 100.
    expect(visible(small[6])).toBe(26 + 1 + 26 + 1 + 26);
    expect(visible(large[6])).toBe(32 + 1 + 32 + 1 + 32);
  });
  it("draws the preview in 24-bit colour with half blocks when the terminal allows it", () => {
    const f = frame({ ...midRun(), pane: "preview", colorMode: "truecolor" });
    expect(f[6]).toContain("▀");
    const ESC = String.fromCharCode(27);
    expect(f[6]).toMatch(new RegExp(`${ESC}\\[38;2;\\d+;\\d+;\\d+`));
    expect(f[6]).toMatch(new RegExp(`${ESC}\\[48;2;\\d+;\\d+;\\d+`));
  });
});
