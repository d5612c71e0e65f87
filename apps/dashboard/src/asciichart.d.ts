declare module "asciichart" {
  /** Options of {@link plot}; see the asciichart README. */
  export interface PlotConfig {
    height?: number;
    min?: number;
    max?: number;
    offset?: number;
    padding?: string;
    colors?: string[];
    format?: (x: number, i: number) => string;
  }
  export function plot(series: number[] | number[][], config?: PlotConfig): string;
  export const blue: string;
  export const green: string;
  export const yellow: string;
  export const red: string;
  export const magenta: string;
  export const cyan: string;
  export const lightgray: string;
  export const reset: string;
}
