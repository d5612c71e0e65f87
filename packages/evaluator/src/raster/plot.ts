import { Canvas, type Rgb } from "./canvas.js";
import { GLYPH_HEIGHT, textWidth } from "./font.js";
import { SERIES_COLORS } from "./ramp.js";

/** One line of a plot; points with a non-finite y are skipped and break the line. */
export interface PlotSeries {
  readonly label: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Half-length of an error bar per point (e.g. one standard deviation), drawn when > 0. */
  readonly err?: readonly number[];
  readonly color?: Rgb;
}

/** A line chart: axes with ticks, one line with markers per series, a legend. */
export interface PlotSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly PlotSeries[];
  /** Pixels; default 760 x 420. */
  readonly width?: number;
  readonly height?: number;
  /** Dashed vertical markers, e.g. the kept epoch or a recommended k. */
  readonly marks?: readonly { readonly x: number; readonly label: string }[];
  /** Force the y range to include these values (e.g. 0 and 1 for an accuracy). */
  readonly yInclude?: readonly number[];
}

/** Where a drawn plot put its axes: maps data coordinates to pixels. */
export interface DrawnPlot {
  readonly canvas: Canvas;
  readonly toPixel: (x: number, y: number) => [number, number];
}

const INK: Rgb = [34, 34, 34];
const GRID: Rgb = [228, 228, 228];
const SCALE = 2;
const LINE_H = GLYPH_HEIGHT * SCALE;

/** Evenly spaced round tick values covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  // Values too close to tell apart at a printable precision are treated as one value.
  if (max - min <= 1e-9 * Math.max(Math.abs(min), Math.abs(max))) {
    const mid = (min + max) / 2;
    const pad = mid === 0 ? 1 : Math.abs(mid) * 0.1;
    min = mid - pad;
    max = mid + pad;
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // Two ticks at least, so that the axis always has a non-zero span to map values onto.
  for (let i = first; i <= Math.max(last, first + 1); i++) ticks.push(roundTo(i * step, step));
  return ticks;
}

function decimalsOf(step: number): number {
  let d = 0;
  while (d < 6 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-6) d++;
  return d;
}

function roundTo(v: number, step: number): number {
  const d = decimalsOf(step);
  return Number(v.toFixed(d));
}

/** Formats tick values with the decimals their spacing needs. */
export function tickLabels(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const d = decimalsOf(step);
  return ticks.map((t) => t.toFixed(d));
}

/** Draws a plot and returns the canvas with its data-to-pixel mapping. */
export function drawPlot(spec: PlotSpec): DrawnPlot {
  // Grow to fit the title rather than clip it.
  const width = Math.max(spec.width ?? 760, textWidth(spec.title, SCALE) + 20);
  const height = spec.height ?? 420;
  const canvas = new Canvas(width, height);
  const xs: number[] = [];
  const ys: number[] = [...(spec.yInclude ?? [])];
  for (const s of spec.series) {
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(s.y[i]) || !Number.isFinite(s.x[i])) continue;
      xs.push(s.x[i]);
      const e = s.err?.[i] ?? 0;
      ys.push(s.y[i] - (Number.isFinite(e) ? e : 0), s.y[i] + (Number.isFinite(e) ? e : 0));
    }
  }
  for (const m of spec.marks ?? []) xs.push(m.x);
  const xTicks = niceTicks(Math.min(...xs, Infinity), Math.max(...xs, -Infinity), 6);
  const yTicks = niceTicks(Math.min(...ys, Infinity), Math.max(...ys, -Infinity), 5);
  const xLabels = tickLabels(xTicks);
  const yLabels = tickLabels(yTicks);
  const left = 24 + LINE_H + Math.max(...yLabels.map((l) => textWidth(l, SCALE)));
  const top = 16 + LINE_H + 10;
  const right = width - 16;
  const bottom = height - (16 + 2 * LINE_H + 12);
  const [x0, x1] = [xTicks[0], xTicks[xTicks.length - 1]];
  const [y0, y1] = [yTicks[0], yTicks[yTicks.length - 1]];
  const toPixel = (x: number, y: number): [number, number] => [
    left + ((x - x0) / (x1 - x0)) * (right - left),
    bottom - ((y - y0) / (y1 - y0)) * (bottom - top),
  ];

  canvas.text((width - textWidth(spec.title, SCALE)) / 2, 10, spec.title, INK, SCALE);
  yTicks.forEach((t, i) => {
    const [, py] = toPixel(x0, t);
    canvas.line(left, py, right, py, GRID);
    canvas.line(left - 5, py, left, py, INK);
    canvas.text(left - 8 - textWidth(yLabels[i], SCALE), py - LINE_H / 2, yLabels[i], INK, SCALE);
  });
  xTicks.forEach((t, i) => {
    const [px] = toPixel(t, y0);
    canvas.line(px, top, px, bottom, GRID);
    canvas.line(px, bottom, px, bottom + 5, INK);
    canvas.text(px - textWidth(xLabels[i], SCALE) / 2, bottom + 8, xLabels[i], INK, SCALE);
  });
  canvas.line(left, top, left, bottom, INK);
  canvas.line(left, bottom, right, bottom, INK);
  canvas.text(
    (left + right - textWidth(spec.xLabel, SCALE)) / 2,
    height - 8 - LINE_H,
    spec.xLabel,
    INK,
    SCALE,
  );
  canvas.textVertical(8, (top + bottom - textWidth(spec.yLabel, SCALE)) / 2, spec.yLabel, INK, SCALE);

  for (const m of spec.marks ?? []) {
    const [px] = toPixel(m.x, y0);
    for (let y = top; y < bottom; y += 8) canvas.line(px, y, px, Math.min(bottom, y + 4), INK);
    const w = textWidth(m.label, SCALE);
    // Along the bottom of the plot area, clear of the legend in the top-right corner.
    canvas.text(px + 4 + w > right ? px - 4 - w : px + 4, bottom - LINE_H - 4, m.label, INK, SCALE);
  }

  spec.series.forEach((s, si) => {
    const color = s.color ?? SERIES_COLORS[si % SERIES_COLORS.length];
    let prev: [number, number] | undefined;
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(s.y[i]) || !Number.isFinite(s.x[i])) {
        prev = undefined;
        continue;
      }
      const p = toPixel(s.x[i], s.y[i]);
      if (prev) canvas.line(prev[0], prev[1], p[0], p[1], color, 2);
      const e = s.err?.[i] ?? 0;
      if (e > 0 && Number.isFinite(e)) {
        const [, lo] = toPixel(s.x[i], s.y[i] - e);
        const [, hi] = toPixel(s.x[i], s.y[i] + e);
        canvas.line(p[0], lo, p[0], hi, color);
        canvas.line(p[0] - 4, lo, p[0] + 4, lo, color);
        canvas.line(p[0] - 4, hi, p[0] + 4, hi, color);
      }
      if (s.x.length <= 40) canvas.fillRect(p[0] - 3, p[1] - 3, 7, 7, color);
      prev = p;
    }
  });

  const legendW = Math.max(0, ...spec.series.map((s) => textWidth(s.label, SCALE))) + 36;
  const legendH = spec.series.length * (LINE_H + 6) + 8;
  if (spec.series.length > 0) {
    const lx = right - legendW - 8;
    const ly = top + 8;
    canvas.fillRect(lx, ly, legendW, legendH, [255, 255, 255]);
    canvas.line(lx, ly, lx + legendW, ly, GRID);
    canvas.line(lx, ly + legendH, lx + legendW, ly + legendH, GRID);
    spec.series.forEach((s, si) => {
      const color = s.color ?? SERIES_COLORS[si % SERIES_COLORS.length];
      const y = ly + 6 + si * (LINE_H + 6);
      canvas.fillRect(lx + 6, y + LINE_H / 2 - 2, 20, 4, color);
      canvas.text(lx + 30, y, s.label, INK, SCALE);
    });
  }
  return { canvas, toPixel };
}

/** Renders a plot to an RGB canvas. */
export function renderPlot(spec: PlotSpec): Canvas {
  return drawPlot(spec).canvas;
}
