/** An RGB colour, channels 0..255. */
export type Rgb = readonly [number, number, number];

/** Viridis sampled at nine evenly spaced stops (perceptually uniform, readable in gray and by most colour-blind readers). */
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** Viridis at t in [0, 1] (clamped), linearly interpolated between stops. */
export function viridis(t: number): Rgb {
  const u = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/** Viridis as CSS colour stops from 0 to 1, for a gradient legend drawn by the browser. */
export function viridisStops(): string[] {
  return VIRIDIS.map((c, i) => `rgb(${c.join(",")}) ${((100 * i) / (VIRIDIS.length - 1)).toFixed(1)}%`);
}

/** Ten distinct series colours (matplotlib's tab10), reused in order. */
export const SERIES_COLORS: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];
