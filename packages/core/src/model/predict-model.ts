import { type RunContext, throwIfAborted } from "../agent.js";
import { describeKernels } from "../kernels.js";
import { boxMean } from "../refine/box.js";
import { GuidedRowFilter } from "../refine/guided.js";
import type { Prediction, TestSet } from "../task.js";
import {
  type Blend,
  DEFAULT_NOVELTY_POWER,
  EnsembleAccumulator,
  type Member,
  noveltyScale,
} from "./ensemble.js";
import { type FeatureBand, featureBands, featureStateToJson } from "./features.js";
import { mirrorFeatures, requireMirrorMap } from "./mirror-features.js";
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
 *
 * Under the blend's `flip`, each network's outputs are the mean of its outputs on the band and on
 * its mirror image (the same features moved and negated, see mirror-features.ts), as in fitting.
 *
 * With the blend's novelty rule on (and more than one member), the members' raw disagreement is
 * measured over the whole band first, as the bands go by; the combined outputs (a few values per
 * pixel) are held until then, scaled by {@link noveltyScale} against `stripSpread`, and decoded;
 * with the blend's `noveltyRadius`, each pixel's scale comes from the disagreement averaged over
 * its window instead (each pixel's raw disagreement is held too).
 * With the blend's guided filter on, the held outputs are filtered by the band's gray a band of
 * rows at a time, in one pass down the band ({@link GuidedRowFilter}: the same bits whatever the bands), before decoding.
 */
export async function predictEnsemble(
  members: readonly Member[],
  objective: Objective,
  blend: Blend,
  test: TestSet,
  ctx: RunContext,
  bandPixels = PREDICT_PIXELS,
  stripSpread = 0,
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
  const flip = blend.flip === true;
  const guided = (blend.guided?.radius ?? 0) > 0 ? blend.guided : undefined;
  const direct = members.length === 1 && sigma === 0 && !guided;
  // Members that share a feature transform (trained one after another) share its features.
  const keys = members.map((m) => JSON.stringify(featureStateToJson(m.features)));
  const sources = members.map((m, j) =>
    j > 0 && keys[j] === keys[j - 1]
      ? undefined
      : featureBands(m.features, test.gray, width, height, bandRows),
  );
  // Under `flip`: how each member's features become the mirror image's (see mirrorMap).
  const maps = flip ? members.map((m) => requireMirrorMap(m.features)) : [];
  const blurs = direct ? [] : members.map(() => new RowBlur(out, width, height, sigma, bandRows));
  const z = new Float64Array(bandRows * width * out);
  const zf = flip ? new Float64Array(bandRows * width * out) : z;
  const xf = new Float64Array(flip ? bandRows * width * Math.max(...maps.map((m) => m.dim)) : 0);
  const novelty = members.length > 1 && stripSpread > 0 ? (blend.novelty ?? 0) : 0;
  // Under the novelty rule or the guided filter: every pixel's combined outputs, decoded once the
  // band's spread is known, or filtered a band at a time (each band reads the rows its windows reach).
  const held = novelty > 0 || guided ? new Float64Array(width * height * out) : undefined;
  let spread = 0;
  // Under the local novelty rule: every pixel's raw disagreement, averaged over its window at the end.
  const localRadius = novelty > 0 ? (blend.noveltyRadius ?? 0) : 0;
  const floor = blend.noveltyFloor ?? 0;
  const power = blend.noveltyPower ?? DEFAULT_NOVELTY_POWER;
  const local = localRadius > 0 ? new Float64Array(width * height) : undefined;
  let done = 0;
  for (let y0 = 0; y0 < height; y0 += bandRows) {
    throwIfAborted(ctx.signal);
    const rows = Math.min(bandRows, height - y0);
    let band: FeatureBand | undefined;
    // Under the novelty rule: the members' raw outputs of this band, for their disagreement.
    const raw = novelty > 0 ? new EnsembleAccumulator(rows * width, out) : undefined;
    for (const [j, { net }] of members.entries()) {
      band = (sources[j]?.next().value as FeatureBand | undefined) ?? band;
      net.forward(band!.x, rows * width, z);
      if (flip) {
        // The network's output is the mean of its outputs on the band and on its mirror image.
        net.forward(mirrorFeatures(maps[j], band!.x, rows * width, xf), rows * width, zf);
        for (let i = 0; i < rows * width * out; i++) z[i] = 0.5 * (z[i] + zf[i]);
      }
      raw?.add(z.subarray(0, rows * width * out));
      if (direct) decode(z, y0, y0 + rows);
      else blurs[j].push(z, rows);
    }
    // The whole band's disagreement, or each pixel's under the local rule.
    if (raw && local) raw.spreads(local.subarray(y0 * width, (y0 + rows) * width));
    else if (raw) spread += raw.spread();
    if (!direct && blurs[0].ready > done) {
      // Every member's ready rows, averaged and shrunk pixel by pixel, then decoded.
      const ready = blurs[0].ready;
      const acc = new EnsembleAccumulator((ready - done) * width, out);
      const field = new Float64Array((ready - done) * width * out);
      for (const blur of blurs) {
        blur.pull(done, ready, field);
        acc.add(field);
      }
      const combined = acc.combine(blend.shrink ?? 0, field);
      if (held) held.set(combined, done * width * out);
      else decode(combined, done, ready);
      done = ready;
    }
    ctx.onProgress?.({ type: "stage", stage: "predict", fraction: (y0 + rows) / height });
  }
  if (held) {
    if (local) {
      const window = boxMean(local, 1, width, height, localRadius);
      for (let p = 0; p < width * height; p++) {
        const scale = noveltyScale(window[p], stripSpread, novelty, floor, power);
        if (scale !== 1) for (let j = 0; j < out; j++) held[p * out + j] *= scale;
      }
    } else {
      const scale = noveltyScale(spread / (width * height), stripSpread, novelty, floor, power);
      if (scale !== 1) for (let i = 0; i < held.length; i++) held[i] *= scale;
    }
    const filter = guided ? new GuidedRowFilter(test.gray, held, out, width, height, guided) : undefined;
    for (let y0 = 0; y0 < height; y0 += bandRows) {
      throwIfAborted(ctx.signal);
      const y1 = Math.min(height, y0 + bandRows);
      decode(filter ? filter.next(y1) : held.subarray(y0 * width * out, y1 * width * out), y0, y1);
    }
  }
  const backend = ctx.kernels ? describeKernels(ctx.kernels.used()) : "js";
  return labels ? { rgb, labels, backend } : { rgb, backend };
}
