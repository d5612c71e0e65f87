import { describe, expect, it } from "vitest";
import { Canvas } from "./canvas.js";
import { glyphColumns, textWidth } from "./font.js";
import { HEAT_MAX, heatImage, heatLegend } from "./heatmap.js";
import { tileGrid } from "./layout.js";
import { drawPlot, niceTicks, tickLabels } from "./plot.js";
import { viridis } from "./ramp.js";
import { fitWithin } from "./resize.js";

describe("font", () => {
  it("draws the letter T as a top bar and a middle stem", () => {
    expect(glyphColumns("T")).toEqual([0x01, 0x01, 0x7f, 0x01, 0x01]);
    const c = new Canvas(5, 7, [0, 0, 0]);
    c.text(0, 0, "T", [255, 255, 255]);
    const lit: string[] = [];
    for (let y = 0; y < 7; y++) {
      let row = "";
      for (let x = 0; x < 5; x++) row += c.get(x, y)[0] === 255 ? "#" : ".";
      lit.push(row);
    }
    expect(lit).toEqual(["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."]);
  });
  it("measures text as 6 pixels per character less the last gap, times the scale", () => {
    expect(textWidth("abc")).toBe(17);
    expect(textWidth("abc", 2)).toBe(34);
    expect(textWidth("")).toBe(0);
    expect(glyphColumns("€")).toEqual(glyphColumns("?"));
  });
});

describe("canvas", () => {
  it("sets exactly the pixels of a diagonal line and clips outside", () => {
    const c = new Canvas(4, 4, [0, 0, 0]);
    c.line(-2, -2, 5, 5, [9, 9, 9]);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) expect(c.get(x, y)[0]).toBe(x === y ? 9 : 0);
  });
});

describe("plot", () => {
  it("chooses round ticks covering the data", () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0.03, 0.97, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(tickLabels([0, 0.25, 0.5])).toEqual(["0.00", "0.25", "0.50"]);
    expect(niceTicks(3, 3)).toEqual([2.7, 2.8, 2.9, 3, 3.1, 3.2, 3.3]);
  });
  it("paints a series' colour along its line, from its first point to its last", () => {
    const color = [200, 10, 10] as const;
    const { canvas, toPixel } = drawPlot({
      title: "t",
      xLabel: "x",
      yLabel: "y",
      series: [{ label: "y = x", x: [0, 10], y: [0, 10], color }],
    });
    for (const t of [0, 2.5, 5, 7.5, 10]) {
      const [px, py] = toPixel(t, t);
      expect(canvas.get(Math.round(px), Math.round(py))).toEqual(color);
    }
    // An area above the line, inside the axes and away from the legend, stays white or grid.
    const [px, py] = toPixel(2, 8);
    expect(canvas.get(Math.round(px) + 3, Math.round(py) + 3)[0]).toBeGreaterThan(200);
  });
});

describe("viridis and the heat map", () => {
  it("runs from dark purple to yellow and clamps", () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(-3)).toEqual(viridis(0));
    expect(viridis(7)).toEqual(viridis(1));
    expect(viridis(0.5)).toEqual([33, 144, 141]);
  });
  it("maps 0 and the saturation value to the ramp's ends", () => {
    const img = heatImage(Float64Array.of(0, HEAT_MAX, 2 * HEAT_MAX), 3, 1);
    expect([...img.data]).toEqual([68, 1, 84, 253, 231, 37, 253, 231, 37]);
    const legend = heatLegend(300, "dE");
    expect(legend.width).toBe(300);
  });
});

describe("layout", () => {
  it("averages the pixels a shrunk pixel covers", () => {
    const img = {
      width: 2,
      height: 2,
      data: Uint8Array.of(0, 0, 0, 100, 100, 100, 200, 200, 200, 100, 100, 100),
    };
    const small = fitWithin(img, 1);
    expect([...small.data]).toEqual([100, 100, 100]);
    expect(fitWithin(img, 5)).toBe(img);
  });
  it("places each tile below its caption", () => {
    const red = {
      width: 2,
      height: 2,
      data: new Uint8Array(12).fill(0).map((_, i) => (i % 3 === 0 ? 255 : 0)),
    };
    const grid = tileGrid(
      [
        { image: red, caption: "a" },
        { image: red, caption: "b" },
      ],
      2,
      undefined,
      1,
    );
    // gap 12, caption 7 + 8: the first tile's top-left pixel is at (12, 27).
    expect(grid.get(12, 27)).toEqual([255, 0, 0]);
    expect(grid.get(12, 26)).toEqual([255, 255, 255]);
  });
});

describe("degenerate plot input", () => {
  it("gives an axis with a non-zero span even for values closer than any tick step", () => {
    const ticks = niceTicks(0.0012, 0.0012 + 1e-15);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks[ticks.length - 1] - ticks[0]).toBeGreaterThan(0);
  });
  it("draws nothing for a line with a non-finite end point instead of looping", () => {
    const c = new Canvas(8, 8, [255, 255, 255]);
    c.line(0, 0, Number.NaN, 3, [0, 0, 0]);
    c.line(0, 0, Number.POSITIVE_INFINITY, 3, [0, 0, 0]);
    expect(Array.from(c.data).every((v) => v === 255)).toBe(true);
  });
});
