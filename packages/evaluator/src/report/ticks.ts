/** Evenly spaced round tick values covering [min, max], about `count` of them (1, 2 or 5 times a power of ten apart). */
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
  return Number(v.toFixed(decimalsOf(step)));
}

/** Formats tick values with the decimals their spacing needs. */
export function tickLabels(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const d = decimalsOf(step);
  return ticks.map((t) => t.toFixed(d));
}
