import {
  type AbortSignalLike,
  computeMetrics,
  type Plugin,
  paintLabels,
  parseConfig,
  type RgbImage,
  throwIfAborted,
} from "@colorize/core";
import type { KPoint, KStudySummary } from "./schema.js";
import { stat } from "./stats.js";
import { type ValidationTasks, validationTasks } from "./validation-task.js";

/** Options of {@link runKStudy}. */
export interface KStudyOptions {
  readonly seed: number;
  readonly validationColumns?: number;
  /** The basic agent's plugin, whose strip study answers every palette from one preparation. */
  readonly plugin: Plugin;
  /** Its configuration (partial; defaults filled in), e.g. the neighbours and patch side it runs with. */
  readonly config?: Record<string, unknown>;
  readonly signal?: AbortSignalLike;
  /** Where the tasks come from (default: built here, one per k). */
  readonly tasks?: ValidationTasks;
}

/**
 * For each palette size k, on the left half minus the validation strip: its quantisation error
 * against its own k-means palette (the elbow curve), and the basic agent trained there with that
 * palette and scored on the strip. The plugin's study prepares the strip once (the k-NN agent:
 * which training patches are nearest to each strip patch does not depend on k) and only labels
 * it per palette: the result equals running the basic agent once per k.
 */
export async function runKStudy(
  image: RgbImage,
  ks: readonly number[],
  options: KStudyOptions,
): Promise<KPoint[]> {
  const { plugin } = options;
  if (!plugin.study)
    throw new RangeError(`${plugin.meta.name} offers no strip study to run the k study with`);
  const config = parseConfig(plugin.params, options.config ?? {});
  const value = config[plugin.study.param] as number;
  const tasks =
    options.tasks ??
    validationTasks(image, { seed: options.seed, validationColumns: options.validationColumns });
  const first = tasks(ks[0]);
  const { train, test } = first;
  const labelsOf = await plugin.study.prepare(train, test, config, { signal: options.signal });
  const pixels = train.width * train.height;
  const points: KPoint[] = [];
  for (const k of ks) {
    throwIfAborted(options.signal);
    const v = k === ks[0] ? first : tasks(k);
    const labels = labelsOf(value, v.train.labels, v.palette.size);
    const m = computeMetrics(
      v.truth,
      paintLabels(v.palette, labels),
      test.width,
      test.height,
      v.palette,
      labels,
    );
    points.push({
      k,
      quantisationRmse: Math.sqrt((v.kmeans?.inertia ?? 0) / (3 * pixels)),
      validation: { deltaE2000: m.deltaE2000, labelAccuracy: m.labelAccuracy, rmse: m.rmse },
    });
  }
  return points;
}

/**
 * The elbow of a decreasing curve (Satopää et al.'s "kneedle"): after scaling both axes to
 * [0, 1], the point farthest below the straight line from the first point to the last.
 */
export function elbow(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 3) return xs[0];
  const [x0, x1] = [xs[0], xs[n - 1]];
  const yMax = Math.max(...ys);
  const yMin = Math.min(...ys);
  const span = yMax - yMin || 1;
  let best = 0;
  let bestGap = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = (xs[i] - x0) / (x1 - x0);
    const chord = (ys[0] - yMin) / span + t * ((ys[n - 1] - ys[0]) / span);
    const gap = chord - (ys[i] - yMin) / span;
    if (gap > bestGap + 1e-12) {
      bestGap = gap;
      best = i;
    }
  }
  return xs[best];
}

/**
 * A ΔE2000 difference people barely notice side by side (CIEDE2000 was fitted so that about 1 is
 * just noticeable). Palettes whose validation error is this close to the best one are as good.
 */
export const JUST_NOTICEABLE_DE = 1;

/**
 * Summarises one image's k study over seeds and recommends a k, stating why: the smallest k whose
 * mean validation ΔE2000 is within max(one standard deviation, {@link JUST_NOTICEABLE_DE}) of the
 * lowest. A smaller palette is simpler, classifies more accurately and is as good to the eye.
 */
export function summariseKStudy(perSeed: readonly (readonly KPoint[])[]): KStudySummary {
  const ks = perSeed[0].map((p) => p.k);
  const points = ks.map((k, i) => ({
    k,
    quantisationRmse: stat(perSeed.map((s) => s[i].quantisationRmse)),
    deltaE2000: stat(perSeed.map((s) => s[i].validation.deltaE2000)),
    labelAccuracy: stat(perSeed.map((s) => s[i].validation.labelAccuracy)),
  }));
  let best = 0;
  for (let i = 1; i < points.length; i++)
    if (points[i].deltaE2000.mean < points[best].deltaE2000.mean) best = i;
  const b = points[best];
  const slack = Math.max(b.deltaE2000.sd, JUST_NOTICEABLE_DE);
  const rec = points.findIndex((p) => p.deltaE2000.mean <= b.deltaE2000.mean + slack);
  const r = points[rec];
  const elbowK = elbow(
    ks,
    points.map((p) => p.quantisationRmse.mean),
  );
  const seeds = perSeed.length;
  const slackText =
    slack === JUST_NOTICEABLE_DE
      ? `${JUST_NOTICEABLE_DE} ΔE2000, about a just-noticeable difference`
      : `one standard deviation (${slack.toFixed(2)})`;
  const why =
    rec === best
      ? `it has the lowest mean validation ΔE2000 (${b.deltaE2000.mean.toFixed(2)}) and no smaller k is within ${slackText} of it`
      : `it is the smallest k whose mean validation ΔE2000 (${r.deltaE2000.mean.toFixed(2)}) is within ${slackText} of the lowest (${b.deltaE2000.mean.toFixed(2)} at k = ${b.k})`;
  const reason =
    `k = ${r.k}: ${why}, over ${seeds} seed${seeds > 1 ? "s" : ""}; ` +
    `its label accuracy on the strip is ${r.labelAccuracy.mean.toFixed(3)} (${b.labelAccuracy.mean.toFixed(3)} at k = ${b.k}); ` +
    `the training band's quantisation error has its elbow at k = ${elbowK}.`;
  return { points, elbowK, bestK: b.k, recommendedK: r.k, reason };
}
