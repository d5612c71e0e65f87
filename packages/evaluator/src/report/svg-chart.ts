import { SERIES_COLORS } from "../raster/ramp.js";
import { niceTicks, tickLabels } from "./ticks.js";

/** One line of a chart; points with a non-finite x or y are skipped and break the line. */
export interface ChartSeries {
  readonly label: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Half-length of an error bar per point (e.g. one standard deviation), drawn when > 0. */
  readonly err?: readonly number[];
  /** CSS colour; default: the next of {@link SERIES_COLORS}. */
  readonly color?: string;
}

/** A line chart: axes with ticks, one line (with markers up to 40 points) per series, a legend below the axes. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** Width of the whole panel in SVG pixels (default 560). */
  readonly width?: number;
  /** Height of the plotting area alone (default 220); title, ticks and legend add to it. */
  readonly plotHeight?: number;
  /** Dashed vertical markers (e.g. the kept epoch or a recommended k), named in the legend. */
  readonly marks?: readonly { readonly x: number; readonly label: string }[];
  /** Force the y range to include these values (e.g. 0 and 1 for an accuracy). */
  readonly yInclude?: readonly number[];
}

/** A drawn chart: an SVG group to place at (0, 0), its size, and where it put the axes. */
export interface ChartPanel {
  readonly body: string;
  readonly width: number;
  readonly height: number;
  /** The plotting area (SVG pixels) and the data range its edges stand for. */
  readonly area: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
  };
  readonly toPixel: (x: number, y: number) => readonly [number, number];
}

/** Font sizes (SVG pixels) of tick labels, axis labels and legend, and the title. */
const SMALL = 12;
const TITLE = 14;
const PAD = 12;
const INK = "#222";
const GRID = "#e4e4e4";
const MARK_DASHES = ["6 4", "2 3", "10 3 2 3"];

/**
 * The width text will take, for layout only: DejaVu Sans (our renderer's font) averages about 0.62
 * em per character over digits and lower case; erring wide only leaves a little more room.
 */
export function textWidth(text: string, size: number): number {
  return [...text].length * size * 0.62;
}

/** Escapes text for an XML text node or attribute. */
export function xml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();

/** Splits a title into lines that fit `width` at `size`, breaking between words. */
function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function text(x: number, y: number, s: string, attrs = ""): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ""}>${xml(s)}</text>`;
}

/** Draws one chart as an SVG group; everything but the data lines is text or a thin rule. */
export function lineChart(spec: ChartSpec): ChartPanel {
  const width = spec.width ?? 560;
  const plotHeight = spec.plotHeight ?? 220;
  const xs: number[] = [];
  const ys: number[] = [...(spec.yInclude ?? [])];
  for (const s of spec.series) {
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(s.y[i]) || !Number.isFinite(s.x[i])) continue;
      xs.push(s.x[i]);
      const e = s.err?.[i] ?? 0;
      const half = Number.isFinite(e) ? e : 0;
      ys.push(s.y[i] - half, s.y[i] + half);
    }
  }
  for (const m of spec.marks ?? []) xs.push(m.x);
  const xTicks = niceTicks(Math.min(...xs, Infinity), Math.max(...xs, -Infinity), 6);
  const yTicks = niceTicks(Math.min(...ys, Infinity), Math.max(...ys, -Infinity), 5);
  const xLabels = tickLabels(xTicks);
  const yLabels = tickLabels(yTicks);

  const titleLines = wrap(spec.title, width - 2 * PAD, TITLE);
  const top = PAD + titleLines.length * (TITLE + 4) + 10;
  const left = PAD + SMALL + 10 + Math.max(...yLabels.map((l) => textWidth(l, SMALL))) + 8;
  const right = width - PAD - textWidth(xLabels[xLabels.length - 1], SMALL) / 2;
  const bottom = top + plotHeight;
  const [x0, x1] = [xTicks[0], xTicks[xTicks.length - 1]];
  const [y0, y1] = [yTicks[0], yTicks[yTicks.length - 1]];
  const toPixel = (x: number, y: number) =>
    [
      left + ((x - x0) / (x1 - x0)) * (right - left),
      bottom - ((y - y0) / (y1 - y0)) * (bottom - top),
    ] as const;

  const out: string[] = [];
  titleLines.forEach((l, i) => {
    out.push(text(width / 2, PAD + TITLE + i * (TITLE + 4), l, `font-size="${TITLE}" text-anchor="middle"`));
  });
  const grid: string[] = [];
  const ticks: string[] = [];
  yTicks.forEach((t, i) => {
    const [, py] = toPixel(x0, t);
    grid.push(`M${n(left)} ${n(py)}H${n(right)}`);
    ticks.push(`M${n(left - 5)} ${n(py)}H${n(left)}`);
    out.push(text(left - 8, py + SMALL * 0.35, yLabels[i], 'text-anchor="end"'));
  });
  xTicks.forEach((t, i) => {
    const [px] = toPixel(t, y0);
    grid.push(`M${n(px)} ${n(top)}V${n(bottom)}`);
    ticks.push(`M${n(px)} ${n(bottom)}V${n(bottom + 5)}`);
    out.push(text(px, bottom + 8 + SMALL, xLabels[i], 'text-anchor="middle"'));
  });
  out.unshift(`<path d="${grid.join("")}" stroke="${GRID}" fill="none"/>`);
  out.push(
    `<path d="${ticks.join("")}M${n(left)} ${n(top)}V${n(bottom)}H${n(right)}" stroke="${INK}" fill="none"/>`,
  );
  out.push(text((left + right) / 2, bottom + 14 + 2 * SMALL, spec.xLabel, 'text-anchor="middle"'));
  const cy = (top + bottom) / 2;
  out.push(
    text(
      PAD + SMALL,
      cy,
      spec.yLabel,
      `text-anchor="middle" transform="rotate(-90 ${n(PAD + SMALL)} ${n(cy)})"`,
    ),
  );

  (spec.marks ?? []).forEach((m, i) => {
    const [px] = toPixel(m.x, y0);
    out.push(
      `<path d="M${n(px)} ${n(top)}V${n(bottom)}" stroke="${INK}" stroke-dasharray="${MARK_DASHES[i % MARK_DASHES.length]}" fill="none"/>`,
    );
  });
  spec.series.forEach((s, si) => {
    const color = s.color ?? SERIES_COLORS[si % SERIES_COLORS.length];
    let d = "";
    let bars = "";
    let dots = "";
    let pen = false;
    const markers = s.x.length <= 40;
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(s.x[i]) || !Number.isFinite(s.y[i])) {
        pen = false;
        continue;
      }
      const [px, py] = toPixel(s.x[i], s.y[i]);
      d += `${pen ? "L" : "M"}${n(px)} ${n(py)}`;
      pen = true;
      const e = s.err?.[i] ?? 0;
      if (e > 0 && Number.isFinite(e)) {
        const [, lo] = toPixel(s.x[i], s.y[i] - e);
        const [, hi] = toPixel(s.x[i], s.y[i] + e);
        bars += `M${n(px)} ${n(lo)}V${n(hi)}M${n(px - 4)} ${n(lo)}h8M${n(px - 4)} ${n(hi)}h8`;
      }
      if (markers) dots += `<circle cx="${n(px)}" cy="${n(py)}" r="3"/>`;
    }
    out.push(`<g stroke="${color}" fill="${color}">`);
    if (bars) out.push(`<path d="${bars}" fill="none"/>`);
    out.push(`<path d="${d}" fill="none" stroke-width="2"/>`);
    if (dots) out.push(`<g stroke="none">${dots}</g>`);
    out.push("</g>");
  });

  // The legend: below the axes, never over the data; entries flow left to right and wrap.
  const entries = [
    ...spec.series.map((s, si) => ({
      label: s.label,
      swatch: `stroke="${s.color ?? SERIES_COLORS[si % SERIES_COLORS.length]}" stroke-width="2"`,
    })),
    ...(spec.marks ?? []).map((m, i) => ({
      label: m.label,
      swatch: `stroke="${INK}" stroke-dasharray="${MARK_DASHES[i % MARK_DASHES.length]}"`,
    })),
  ];
  let lx = left;
  let ly = bottom + 28 + 3 * SMALL;
  for (const e of entries) {
    const w = 26 + textWidth(e.label, SMALL) + 16;
    if (lx > left && lx + w > width - PAD) {
      lx = left;
      ly += SMALL + 8;
    }
    out.push(`<path d="M${n(lx)} ${n(ly - SMALL * 0.35)}h20" ${e.swatch} fill="none"/>`);
    out.push(text(lx + 26, ly, e.label));
    lx += w;
  }
  const height = (entries.length > 0 ? ly : bottom + 14 + 2 * SMALL) + PAD;
  return {
    body: out.join(""),
    width,
    height: Math.ceil(height),
    area: { left, right, top, bottom },
    toPixel,
  };
}

/**
 * A standalone SVG document of panels laid out in rows of `columns`, on white, with an accessible
 * title. The same text goes inline into report.html and through the renderer into a PNG.
 */
export function svgFigure(panels: readonly ChartPanel[], title: string, columns = panels.length): string {
  const cols = Math.max(1, Math.min(columns, panels.length));
  const rows: ChartPanel[][] = [];
  for (let i = 0; i < panels.length; i += cols) rows.push(panels.slice(i, i + cols));
  const width = Math.max(...rows.map((r) => r.reduce((s, p) => s + p.width, 0)));
  const parts: string[] = [];
  let y = 0;
  for (const row of rows) {
    let x = 0;
    for (const p of row) {
      parts.push(`<g transform="translate(${x} ${y})">${p.body}</g>`);
      x += p.width;
    }
    y += Math.max(...row.map((p) => p.height));
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${y}" width="${width}" height="${y}" role="img"` +
    ` font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="${SMALL}" fill="${INK}">` +
    `<title>${xml(title)}</title><rect width="${width}" height="${y}" fill="#fff"/>${parts.join("")}</svg>`
  );
}
