/** Width of a string in terminal cells, counting each code point as one cell (no wide glyphs are used). */
export function cells(text: string): number {
  return [...text].length;
}

/** `text` cut or space-padded on the right to exactly `width` cells; a cut ends in "…". */
export function fitEnd(text: string, width: number): string {
  if (width <= 0) return "";
  const chars = [...text];
  if (chars.length <= width) return text + " ".repeat(width - chars.length);
  return `${chars.slice(0, width - 1).join("")}…`;
}

/** `text` cut on the right, or space-padded on the left, to exactly `width` cells. */
export function fitStart(text: string, width: number): string {
  if (width <= 0) return "";
  const chars = [...text];
  if (chars.length <= width) return " ".repeat(width - chars.length) + text;
  return `${chars.slice(0, width - 1).join("")}…`;
}

/**
 * A duration for people: `0.8s` under 10 s, `42s` under a minute, `3:05` under an hour, then `1:02:03`.
 * @param ms milliseconds, >= 0
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "-";
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)}s`;
  if (s < 60) return `${Math.floor(s)}s`;
  const total = Math.floor(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/**
 * A progress bar of exactly `width` cells: full blocks, then one partial eighth block, then light shade.
 * @param fraction done, clamped to [0, 1]
 */
export function progressBar(fraction: number, width: number): string {
  if (width <= 0) return "";
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const eighths = Math.round(f * width * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const partial = part > 0 ? "▏▎▍▌▋▊▉"[part - 1] : "";
  return "█".repeat(full) + partial + "░".repeat(width - full - (part > 0 ? 1 : 0));
}

/** Fraction done below which no estimate is given: the first percent says little about the rest. */
export const MIN_ESTIMATE_FRACTION = 0.01;

/**
 * Time left, extrapolated linearly from the elapsed time and the fraction done; undefined before
 * {@link MIN_ESTIMATE_FRACTION} is done.
 */
export function estimateLeft(elapsedMs: number, fraction: number): number | undefined {
  if (!(fraction >= MIN_ESTIMATE_FRACTION) || !Number.isFinite(elapsedMs)) return undefined;
  if (fraction >= 1) return 0;
  return (elapsedMs * (1 - fraction)) / fraction;
}

/** A number with `digits` decimals; "inf" for infinity and "n/a" for a missing value or NaN. */
export function formatNumber(v: number | undefined, digits: number): string {
  if (v === undefined || Number.isNaN(v)) return "n/a";
  if (v === Number.POSITIVE_INFINITY) return "inf";
  if (v === Number.NEGATIVE_INFINITY) return "-inf";
  return v.toFixed(digits);
}
