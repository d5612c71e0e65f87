import { type RunContext, throwIfAborted } from "../agent.js";
import type { Prediction, TestSet } from "../task.js";
import { type Blend, EnsembleAccumulator, type Member } from "./ensemble.js";
import { type FeatureBand, featureBands, featureStateToJson } from "./features.js";
import type { Objective } from "./objective.js";
import { RowBlur } from "./smoothing.js";

/** Pixels per band of rows in prediction (default): bounds what is held at once on a band of any size. */
export const PREDICT_PIXELS = 16384;

/**
 * Colours the test band from its gray, a band of rows at a time, so that a band of any size is
 * coloured without a matrix of all its pixels' features or outputs: each band's features feed
 * every network; each network's outputs are blurred as they arrive (a row is ready once the rows
 * of its window are in); the ready rows are combined and decoded. Members that share a feature
 * transform share its features. Bands hold about `bandPixels` pixels (whole rows, at least one);
 * their size never changes the result. Progress goes from 0 to 1 over the bands.
 */
export async function predictEnsemble(
  members: readonly Member[],
  objective: Objective,
  blend: Blend,
  test: TestSet,
  ctx: RunContext,
  bandPixels = PREDICT_PIXELS,
): Promise<Prediction> {
  throwIfAborted(ctx.signal);
  const { width, height } = test;
  const out = members[0].net.outputSize;
  const bandRows = Math.max(1, Math.min(height, Math.floor(bandPixels / width)));
  const rgb = new Uint8Array(width * height * 3);
  const labels = objective.output === "label" ? new Uint8Array(width * height) : undefined;
  const decode = (z: Float64Array, y0: number, y1: number) => {
    const [p0, p1] = [y0 * width, y1 * width];
    objective.decode(
      z,
      p1 - p0,
      test.gray.subarray(p0, p1),
      rgb.subarray(p0 * 3, p1 * 3),
      labels?.subarray(p0, p1),
    );
  };
  const sigma = blend.smoothing ?? 0;
  const direct = members.length === 1 && sigma === 0;
  // Members that share a feature transform (trained one after another) share its features.
  const keys = members.map((m) => JSON.stringify(featureStateToJson(m.features)));
  const sources = members.map((m, j) =>
    j > 0 && keys[j] === keys[j - 1]
      ? undefined
      : featureBands(m.features, test.gray, width, height, bandRows),
  );
  const blurs = direct ? [] : members.map(() => new RowBlur(out, width, height, sigma, bandRows));
  const z = new Float64Array(bandRows * width * out);
  let done = 0;
  for (let y0 = 0; y0 < height; y0 += bandRows) {
    throwIfAborted(ctx.signal);
    const rows = Math.min(bandRows, height - y0);
    let band: FeatureBand | undefined;
    for (const [j, { net }] of members.entries()) {
      band = (sources[j]?.next().value as FeatureBand | undefined) ?? band;
      net.forward(band!.x, rows * width, z);
      if (direct) decode(z, y0, y0 + rows);
      else blurs[j].push(z, rows);
    }
    if (!direct && blurs[0].ready > done) {
      // Every member's ready rows, averaged and shrunk pixel by pixel, then decoded.
      const ready = blurs[0].ready;
      const acc = new EnsembleAccumulator((ready - done) * width, out);
      const field = new Float64Array((ready - done) * width * out);
      for (const blur of blurs) {
        blur.pull(done, ready, field);
        acc.add(field);
      }
      decode(acc.combine(blend.shrink ?? 0, field), done, ready);
      done = ready;
    }
    ctx.onProgress?.({ type: "stage", stage: "predict", fraction: (y0 + rows) / height });
  }
  return labels ? { rgb, labels, backend: "js" } : { rgb, backend: "js" };
}
