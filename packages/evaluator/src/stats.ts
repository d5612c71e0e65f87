import type { Stat } from "./schema.js";

/**
 * Mean, sample standard deviation (n - 1 in the denominator; 0 for a single value) and count of
 * the finite values. An empty or all non-finite input gives NaN with n = 0.
 */
export function stat(values: readonly number[]): Stat {
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN, n: 0 };
  const mean = sum / n;
  let sq = 0;
  for (const v of values) if (Number.isFinite(v)) sq += (v - mean) * (v - mean);
  return { mean, sd: n > 1 ? Math.sqrt(sq / (n - 1)) : 0, n };
}

/** `mean ± sd` with fixed digits; "n/a" when there is no value. */
export function formatStat(s: Stat, digits: number): string {
  if (s.n === 0) return "n/a";
  return s.n > 1 ? `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}` : s.mean.toFixed(digits);
}
