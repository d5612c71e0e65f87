import type { EpochRecord, FitReport, RunContext } from "../agent.js";
import { describeKernels, type Kernels, referenceKernels } from "../kernels.js";
import type { TrainSet } from "../task.js";
import type { Dataset } from "./dataset.js";
import { type Blend, blurred, EnsembleAccumulator, type Member } from "./ensemble.js";
import { type FeatureOptions, type FeatureState, fitFeatures, PixelFeatures } from "./features.js";
import { mirrorFeatures, requireMirrorMap } from "./mirror-features.js";
import type { NetworkFactory } from "./network.js";
import type { Objective } from "./objective.js";
import { trainNetwork } from "./train-network.js";
import { type TrainerOptions, train } from "./trainer.js";
import { columnRows, trainingRows } from "./training-rows.js";
import { VALID_METRIC, ValidationStrip } from "./validation.js";

/** The learning rate of the epochs on the strip, as a fraction of the training's. */
export const DEFAULT_STRIP_RATE = 0.25;

/** Which members of an ensemble see the pixel's row: `off`, `half` (the later half of them) or `all`. */
export const ROW_MEMBERS = ["off", "half", "all"] as const;
export type RowMembers = (typeof ROW_MEMBERS)[number];

/** What the ensemble layer trains: the networks, their features and training, and how they combine. */
export interface EnsembleSpec extends Blend {
  readonly features: FeatureOptions;
  readonly network: NetworkFactory;
  readonly training: TrainerOptions;
  /** Networks trained one after another, each with its own seeds (default 1). */
  readonly members?: number;
  /** Which members also see the pixel's row as a feature (default off). */
  readonly row?: RowMembers;
  /** Also train on the left-right mirror image of the training columns (default false). */
  readonly mirror?: boolean;
  /**
   * Epochs each network trains on afterwards, from its kept parameters, on the training columns
   * and the validation strip together (default 0: none), at `stripRate` times the learning rate. The
   * strip is judged, and the novelty rule's yardstick and the objective's calibration taken, before
   * that: the strip's columns, the known colours nearest the split, are trained on only once
   * nothing is chosen on them any more.
   */
  readonly stripEpochs?: number;
  /** The learning rate of the `stripEpochs`, as a fraction of the training's (default 1/4). */
  readonly stripRate?: number;
}

/** The number of networks of a spec; throws for anything but a positive integer. */
export function memberCount(spec: Pick<EnsembleSpec, "members">): number {
  const count = spec.members ?? 1;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`members must be a positive integer, got ${count}`);
  return count;
}

/**
 * Whether member `m` of `count` sees the pixel's row. With `half` the later half does, so
 * members that share their features are trained one after another and share one dataset.
 */
function memberSeesRow(spec: EnsembleSpec, m: number, count: number): boolean {
  const row = spec.row ?? "off";
  return spec.features.row === true || row === "all" || (row === "half" && m >= Math.floor(count / 2));
}

/** Training rows and strip features of one feature transform, shared by the members that use it. */
interface SharedRows {
  readonly row: boolean;
  readonly features: FeatureState;
  readonly dataset: Dataset;
  readonly stripX: Float64Array | undefined;
  /** Under `flip`: the strip's features in the band's mirror image, pixel for pixel. */
  readonly stripFlipX: Float64Array | undefined;
}

/**
 * Fits an ensemble on the training band: fits each member's feature transform on the band,
 * holds out the validation strip, trains the members in turn on the remaining columns (each
 * judged after every epoch as part of the ensemble so far, its epochs numbered on from the
 * previous member's), and lets the objective calibrate its decoding on the strip's combined
 * outputs. The strip is never trained on.
 */
export async function fitEnsemble(
  spec: EnsembleSpec,
  objective: Objective,
  data: TrainSet,
  ctx: RunContext,
): Promise<{ members: Member[]; report: FitReport; kernels: Kernels; stripSpread: number }> {
  const count = memberCount(spec);
  const kernels = ctx.kernels ?? referenceKernels();
  const { width, height } = data;
  const trainRows = columnRows(width, height, 0, width - data.validationColumns);
  const targets = objective.targets(data, trainRows);
  const strip = new ValidationStrip(data, objective);
  const n = strip.n;
  const shrink = spec.shrink ?? 0;
  const fitted: Member[] = [];
  const history: EpochRecord[] = [];
  const epochs = spec.training.epochs;
  let bestEpoch = 0;
  let epochsRun = 0;
  let stoppedEarly = 0;
  let acc: EnsembleAccumulator | undefined;
  // The members' raw (unblurred) strip outputs, for the novelty rule's yardstick.
  let raw: EnsembleAccumulator | undefined;
  let shared: SharedRows | undefined;
  for (let m = 0; m < count; m++) {
    const row = memberSeesRow(spec, m, count);
    if (!shared || shared.row !== row) {
      shared = undefined; // let the previous dataset go before building the next
      const features = fitFeatures({ ...spec.features, row }, data.gray, width, height);
      const source = new PixelFeatures(features, data.gray, width, height);
      const stripX = strip.features(source);
      shared = {
        row,
        features,
        dataset: trainingRows(source, data, trainRows, targets, spec.mirror ?? false),
        stripX,
        stripFlipX:
          spec.flip && stripX
            ? mirrorFeatures(requireMirrorMap(features), stripX, n, new Float64Array(stripX.length))
            : undefined,
      };
    }
    const { features, dataset, stripX, stripFlipX } = shared;
    const net = spec.network(features.dim, objective, kernels);
    const out = net.outputSize;
    acc ??= new EnsembleAccumulator(n, out);
    const strips = acc;
    const mean = new Float64Array(n * out);
    // The member is judged as part of the ensemble it joins (on its outputs on the strip alone:
    // judging it on their mean with the mirror image's, as prediction takes them, did worse).
    const judge = (z: Float64Array) =>
      strips.combine(shrink, mean, blurred(spec, z, out, strip.width, height));
    const result = await trainNetwork(net, dataset, spec.training, {
      rng: ctx.rng,
      signal: ctx.signal,
      onProgress: ctx.onProgress,
      validate: stripX && strip.validator(objective, stripX, out, judge),
      metric: VALID_METRIC,
      // The bound is what the remaining members may still run.
      epochOffset: epochsRun,
      epochBound: epochsRun + (count - m) * epochs,
    });
    history.push(...result.history);
    bestEpoch = result.bestEpoch;
    epochsRun += result.epochsRun;
    if (result.stoppedEarly) stoppedEarly++;
    if (stripX) {
      const z = new Float64Array(n * out);
      net.forward(stripX, n, z);
      if (stripFlipX) {
        // As prediction takes them: the mean of its outputs on the strip and on its mirror image.
        const zf = new Float64Array(n * out);
        net.forward(stripFlipX, n, zf);
        for (let i = 0; i < z.length; i++) z[i] = 0.5 * (z[i] + zf[i]);
      }
      raw ??= new EnsembleAccumulator(n, out);
      raw.add(z);
      strips.add(blurred(spec, z, out, strip.width, height));
    }
    fitted.push({ features, net });
  }
  strip.calibrate(objective, () => acc!.combine(shrink, new Float64Array(acc!.sum.length)));
  const stripSpread = raw && n > 0 ? raw.spread() / n : 0;
  if ((spec.stripEpochs ?? 0) > 0 && n > 0) {
    shared = undefined;
    await trainOnStrip(spec, objective, data, ctx, fitted);
  }
  return {
    members: fitted,
    kernels,
    stripSpread,
    report: {
      history,
      bestEpoch,
      metric: n > 0 ? VALID_METRIC : undefined,
      facts: {
        trainingRows: trainRows.length * (spec.mirror ? 2 : 1),
        validationRows: n,
        features: fitted.map((f) => f.features.dim).join(", "),
        parameters: fitted.reduce((a, f) => a + f.net.params.length, 0),
        networks: count,
        epochsRun,
        stoppedEarly: count === 1 ? (stoppedEarly ? "yes" : "no") : `${stoppedEarly} of ${count}`,
        ...(count > 1 && (spec.novelty ?? 0) > 0 ? { stripSpread: Number(stripSpread.toPrecision(4)) } : {}),
        // Scores on the strip after this show partly fit: its colours were trained on at the end.
        ...((spec.stripEpochs ?? 0) > 0 && n > 0 ? { stripEpochs: spec.stripEpochs ?? 0 } : {}),
      },
      backend: describeKernels(kernels.used()),
    },
  };
}

/**
 * `stripEpochs` more epochs of each member on every column of the band (training columns and
 * strip), from its kept parameters, at `stripRate` (default 1/4) of its learning rate and with its own fork of
 * the run's generator taken after every member has trained, so the members' training, the
 * strip's judgement and yardstick are those without it. Members that share a feature transform
 * share the rows.
 */
async function trainOnStrip(
  spec: EnsembleSpec,
  objective: Objective,
  data: TrainSet,
  ctx: RunContext,
  members: readonly Member[],
): Promise<void> {
  const { width, height } = data;
  const every = columnRows(width, height, 0, width);
  const targets = objective.targets(data, every);
  const t = spec.training;
  const options: TrainerOptions = {
    ...t,
    epochs: spec.stripEpochs ?? 0,
    learningRate: t.learningRate * (spec.stripRate ?? DEFAULT_STRIP_RATE),
    schedule: "constant",
  };
  let rows: { features: FeatureState; dataset: Dataset } | undefined;
  for (const { features, net } of members) {
    if (rows?.features !== features) {
      rows = undefined;
      const source = new PixelFeatures(features, data.gray, width, height);
      rows = { features, dataset: trainingRows(source, data, every, targets, spec.mirror ?? false) };
    }
    await train(net, rows.dataset, options, { rng: ctx.rng.fork(), signal: ctx.signal });
  }
}
