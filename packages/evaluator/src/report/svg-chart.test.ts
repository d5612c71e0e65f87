import { describe, expect, it } from "vitest";
import { lineChart, svgFigure, textWidth } from "./svg-chart.js";
import { svgToPng } from "./svg-png.js";
import { niceTicks, tickLabels } from "./ticks.js";

describe("ticks", () => {
  it("chooses round ticks covering the data", () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0.03, 0.97, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(tickLabels([0, 0.25, 0.5])).toEqual(["0.00", "0.25", "0.50"]);
    expect(niceTicks(3, 3)).toEqual([2.7, 2.8, 2.9, 3, 3.1, 3.2, 3.3]);
  });
  it("gives an axis with a non-zero span even for values closer than any tick step", () => {
    const ticks = niceTicks(0.0012, 0.0012 + 1e-15);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks[ticks.length - 1] - ticks[0]).toBeGreaterThan(0);
  });
});

const spec = {
  title: "loss per epoch",
  xLabel: "epoch",
  yLabel: "loss",
  series: [
    { label: "train loss", x: [1, 2, 3, 4], y: [4, 3, 2.5, 2] },
    { label: "validation loss", x: [1, 2, 3, 4], y: [4.5, 3.5, Number.NaN, 3] },
  ],
  marks: [{ x: 3, label: "kept: epoch 3" }],
};

describe("lineChart", () => {
  it("maps the axes' end ticks to the plotting area's edges", () => {
    const c = lineChart(spec);
    const { left, right, top, bottom } = c.area;
    // x ticks 1..4 and y ticks 2..4.5 (step 0.5).
    expect(c.toPixel(1, 2)).toEqual([left, bottom]);
    expect(c.toPixel(4, 4.5)).toEqual([right, top]);
  });
  it("draws titles, tick labels and the legend as SVG text, and the legend below the data", () => {
    const c = lineChart(spec);
    const texts = [...c.body.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)];
    const byText = new Map(texts.map((m) => [m[3], { x: Number(m[1]), y: Number(m[2]) }]));
    for (const t of [
      "loss per epoch",
      "epoch",
      "loss",
      "train loss",
      "validation loss",
      "kept: epoch 3",
      "4.5",
    ])
      expect(byText.has(t), t).toBe(true);
    for (const t of ["train loss", "validation loss", "kept: epoch 3"])
      expect(byText.get(t)!.y).toBeGreaterThan(c.area.bottom + 24);
    expect(c.height).toBeGreaterThan(byText.get("train loss")!.y);
    expect(c.body).not.toContain("<image");
  });
  it("breaks a line at a missing value and dashes the marks", () => {
    const c = lineChart(spec);
    const paths = [...c.body.matchAll(/<path d="([^"]+)" fill="none" stroke-width="2"\/>/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    expect(paths[0].match(/M/g)).toHaveLength(1);
    // The validation line restarts after its missing third point.
    expect(paths[1].match(/M/g)).toHaveLength(2);
    expect(c.body).toContain('stroke-dasharray="6 4"');
  });
  it("wraps legend entries onto further rows instead of running past the panel", () => {
    const many = {
      ...spec,
      width: 300,
      series: Array.from({ length: 6 }, (_, i) => ({ label: `image-${i}.png`, x: [0, 1], y: [i, i + 1] })),
    };
    const c = lineChart(many);
    const legend = [...c.body.matchAll(/<text x="([\d.]+)" y="([\d.]+)">(image-\d\.png)<\/text>/g)];
    expect(new Set(legend.map((m) => m[2])).size).toBeGreaterThan(1);
    for (const m of legend) expect(Number(m[1]) + textWidth(m[3], 12)).toBeLessThanOrEqual(300);
  });
});

describe("svgFigure and the PNG renderer", () => {
  it("lays panels side by side in one SVG with an accessible title", () => {
    const a = lineChart({ ...spec, width: 300 });
    const svg = svgFigure([a, a], "two & more");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 600 \d+"/);
    expect(svg).toContain("<title>two &amp; more</title>");
    expect(svg).toContain('<g transform="translate(300 0)">');
  });
  it("renders the SVG to a PNG at twice its size, with the text drawn from a font", () => {
    const c = lineChart({ ...spec, width: 300 });
    const svg = svgFigure([c], "t");
    const png = svgToPng(svg);
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(600);
    expect(view.getUint32(20)).toBe(2 * c.height);
    // The same chart without its text is a different picture: the renderer found a font.
    const bare = svgToPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ""));
    expect(Buffer.from(png).equals(Buffer.from(bare))).toBe(false);
    expect(png.length).toBeGreaterThan(bare.length + 2000);
  });
});
