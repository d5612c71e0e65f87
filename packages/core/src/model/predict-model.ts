import { type RunContext, throwIfAborted } from "../agent.js";
import type { Prediction, TestSet } from "../task.js";
import { type Blend, blurred, EnsembleAccumulator, type Member } from "./ensemble.js";
import { featureBands, featureStateToJson } from "./features.js";
import type { Objective } from "./objective.js";

/** Pixels per band of rows in prediction (default): bounds the features held at once on a band of any size. */
export const PREDICT_PIXELS = 16384;

/**
 * Colours the test band from its gray: each member's features are computed a band of rows at a
 * time and fed to its network; one network with no smoothing is decoded band by band, while an
 * ensemble or a smoothed output first fills a field of raw outputs for the whole band (a few
 * values per pixel: smoothing and shrinkage need every pixel's outputs), blurs, combines and
 * then decodes. Progress goes from 0 to 1 over the networks and the decoding. Bands hold about
 * `bandPixels` pixels (whole rows, at least one); their size never changes the result.
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
  const n = width * height;
  const out = members[0].net.outputSize;
  const bandRows = Math.max(1, Math.floor(bandPixels / width));
  const rgb = new Uint8Array(n * 3);
  const labels = objective.output === "label" ? new Uint8Array(n) : undefined;
  const decode = (z: Float64Array, p0: number, p1: number) =>
    objective.decode(
      z,
      p1 - p0,
      test.gray.subarray(p0, p1),
      rgb.subarray(p0 * 3, p1 * 3),
      labels?.subarray(p0, p1),
    );
  const progress = (fraction: number) => ctx.onProgress?.({ type: "stage", stage: "predict", fraction });

  if (members.length === 1 && (blend.smoothing ?? 0) === 0) {
    const { features, net } = members[0];
    const z = new Float64Array(bandRows * width * out);
    for (const band of featureBands(features, test.gray, width, height, bandRows)) {
      throwIfAborted(ctx.signal);
      const p0 = band.y0 * width;
      const p1 = band.y1 * width;
      net.forward(band.x, p1 - p0, z);
      decode(z, p0, p1);
      progress(p1 / n);
    }
    return labels ? { rgb, labels, backend: "js" } : { rgb, backend: "js" };
  }

  const acc = new EnsembleAccumulator(n, out);
  const steps = members.length + 1;
  // Members that share a feature transform (trained one after another) share its features.
  const keys = members.map((m) => JSON.stringify(featureStateToJson(m.features)));
  for (let g0 = 0; g0 < members.length; ) {
    let g1 = g0 + 1;
    while (g1 < members.length && keys[g1] === keys[g0]) g1++;
    const fields = members.slice(g0, g1).map(() => new Float64Array(n * out));
    for (const band of featureBands(members[g0].features, test.gray, width, height, bandRows)) {
      throwIfAborted(ctx.signal);
      const p0 = band.y0 * width;
      const p1 = band.y1 * width;
      for (let j = g0; j < g1; j++)
        members[j].net.forward(band.x, p1 - p0, fields[j - g0].subarray(p0 * out));
      progress((g0 + ((g1 - g0) * p1) / n) / steps);
    }
    for (const field of fields) acc.add(blurred(blend, field, out, width, height));
    g0 = g1;
  }
  const field = acc.combine(blend.shrink ?? 0, new Float64Array(n * out));
  for (let p0 = 0; p0 < n; p0 += bandRows * width) {
    throwIfAborted(ctx.signal);
    const p1 = Math.min(n, p0 + bandRows * width);
    decode(field.subarray(p0 * out, p1 * out), p0, p1);
    progress((members.length + p1 / n) / steps);
  }
  return labels ? { rgb, labels, backend: "js" } : { rgb, backend: "js" };
}
