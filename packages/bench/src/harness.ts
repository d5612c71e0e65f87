/** Shared benchmark machinery: timing, memory, ratios, fits and plain-text tables. */

/** Seconds taken by `work` (wall clock), with its result. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ seconds: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { seconds: (performance.now() - t0) / 1000, value };
}

/** CPU seconds (user + system, all threads) this process has used so far. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Peak resident set size of this process so far, in MiB (the kernel's high-water mark). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** `value / reference`, or NaN when there is no reference. */
export function ratio(value: number, reference: number): number {
  return reference > 0 ? value / reference : Number.NaN;
}

/**
 * Least-squares slope of log(y) against log(x): the exponent b of y ~ a x^b.
 * Needs at least two points with positive x and y.
 */
export function fitExponent(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return Number.NaN;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const lx = Math.log(xs[i]);
    const ly = Math.log(ys[i]);
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
  }
  const den = n * sxx - sx * sx;
  return den === 0 ? Number.NaN : (n * sxy - sx * sy) / den;
}

/** A cell: integers print as they are, other numbers with two decimals, strings as they are. */
export type Cell = string | number;

/** Formats a number for a table: fixed decimals, "-" for NaN. */
export function fmt(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "-";
}

/** A Markdown table (pipes aligned), so the same text reads well in a terminal and a README. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) =>
    r.map((c) => (typeof c === "number" ? (Number.isInteger(c) ? String(c) : fmt(c)) : c)),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? "").length)));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number" || r[i] === "-"),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(headers), rule, ...text.map(line)].join("\n");
}

/** What a section hands back: printable text and the same figures as data for --json. */
export interface SectionResult {
  readonly name: string;
  readonly text: string;
  readonly data: unknown;
}

/** Options every section receives. */
export interface SectionOptions {
  /** A small, fast run (smaller crops, fewer photos). */
  readonly quick: boolean;
  /** Folder of the sample photographs. */
  readonly images: string;
  /** Progress messages (stderr). */
  readonly log: (message: string) => void;
  /**
   * Run the peers (pykdtree, scipy's cKDTree) on every photo, the 12 MP one too (minutes each); by
   * default each runs up to a size of its own. Default false.
   */
  readonly independentAll?: boolean;
  /** Python executable for the peers (default: `python3`, then `/usr/bin/python3`). */
  readonly python?: string;
}

/** A benchmark section. */
export interface Section {
  readonly name: string;
  readonly description: string;
  run(options: SectionOptions): Promise<SectionResult>;
}
