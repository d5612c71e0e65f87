export const SCHEDULES = ["constant", "cosine", "step", "plateau"] as const;
/**
 * Learning-rate schedules over epochs: `constant`; `cosine` from the base rate down to 1 % of it
 * at the last epoch; `step` halves the rate every `stepEvery` epochs; `plateau` halves it when
 * the validation metric has not improved for `plateauEpochs` epochs (the trainer drives it).
 */
export type ScheduleName = (typeof SCHEDULES)[number];

/** The scheduled learning rate of epoch `epoch` (0-based) of at most `epochs`, before any plateau cuts. */
export function scheduledRate(
  name: ScheduleName,
  base: number,
  epoch: number,
  epochs: number,
  stepEvery = 10,
): number {
  switch (name) {
    case "constant":
    case "plateau":
      return base;
    case "cosine": {
      const floor = 0.01 * base;
      const t = epochs > 1 ? epoch / (epochs - 1) : 1;
      return floor + 0.5 * (base - floor) * (1 + Math.cos(Math.PI * t));
    }
    case "step":
      return base * 0.5 ** Math.floor(epoch / Math.max(1, stepEvery));
  }
}
