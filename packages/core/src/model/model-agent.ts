import {
  type Agent,
  type AgentSnapshot,
  type EpochRecord,
  type FitReport,
  type RunContext,
  throwIfAborted,
} from "../agent.js";
import { colorErrors } from "../metrics/color-error.js";
import type { Palette } from "../palette.js";
import type { Config } from "../params.js";
import type { Prediction, TestSet, TrainSet } from "../task.js";
import { decodeArray, type EncodedArray, encodeArray } from "../typed.js";
import type { Dataset } from "./dataset.js";
import { EnsembleAccumulator } from "./ensemble.js";
import {
  computeFeatures,
  type FeatureOptions,
  type FeatureState,
  type FeatureStateJson,
  featureStateFromJson,
  featureStateToJson,
  fitFeatures,
} from "./features.js";
import type { Mlp } from "./mlp.js";
import type { Model } from "./model.js";
import { createNetwork, type ModelSpec, type RowMembers } from "./model-params.js";
import type { ObjectiveFactory, Targets } from "./objective.js";
import { smoothField } from "./smoothing.js";
import { type TrainerOptions, train } from "./trainer.js";

/** Everything {@link modelAgent} needs to build, train and save a model-backed agent. */
export interface ModelAgentSpec {
  /** Plugin package name and version, written into snapshots. */
  readonly plugin: string;
  readonly version: string;
  /** The parsed configuration, saved as is. */
  readonly config: Config;
  readonly features: FeatureOptions;
  readonly network: ModelSpec["network"];
  readonly training: TrainerOptions;
  /** Also train on the left-right mirror image of the training columns (default false). */
  readonly mirror?: boolean;
  /** Gaussian sigma (pixels) of the blur of raw outputs before decoding (default 0: off). */
  readonly smoothing?: number;
  /** Networks trained one after another, each with its own seeds; their raw outputs are averaged (default 1). */
  readonly members?: number;
  /** Which members see the pixel's row as a feature: none, the later half, or all (default none). */
  readonly row?: RowMembers;
  /** Strength of the shrinkage of the members' average towards 0 where they disagree (default 0: off); see {@link EnsembleAccumulator}. */
  readonly shrink?: number;
  readonly objective: ObjectiveFactory;
}

/** One fitted network of an ensemble: its feature transform and parameters. */
export interface MemberState {
  readonly features: FeatureStateJson;
  readonly params: EncodedArray;
}

/**
 * The saved state of a fitted model agent: the first member's features and parameters at the top
 * level (so a one-network snapshot reads as before), the other members in `members`.
 */
export interface ModelAgentState {
  readonly features: FeatureStateJson;
  readonly params: EncodedArray;
  readonly palette: EncodedArray;
  readonly objective?: unknown;
  readonly members?: readonly MemberState[];
}

/** Name of the validation metric of model agents. */
export const VALID_METRIC = "mean ΔE2000 on the validation strip";

const PREDICT_CHUNK = 16384;

/**
 * Rows of the band `[0, width) x [0, height)` whose column lies in [x0, x1), as indices
 * `y * width + x`.
 */
function columnRows(width: number, height: number, x0: number, x1: number): Int32Array {
  const out = new Int32Array((x1 - x0) * height);
  let o = 0;
  for (let y = 0; y < height; y++) for (let x = x0; x < x1; x++) out[o++] = y * width + x;
  return out;
}

function gatherRows(src: Float64Array, dim: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) out.set(src.subarray(rows[i] * dim, (rows[i] + 1) * dim), i * dim);
  return out;
}

/** The band flipped left to right: column x becomes column width - 1 - x. */
function mirrorBand(gray: Float64Array, width: number, height: number): Float64Array {
  const out = new Float64Array(gray.length);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) out[o + x] = gray[o + width - 1 - x];
  }
  return out;
}

/** Row i of `a` (n rows) then row i of `b`, as one array of 2n rows of `dim` values. */
function concatRows<T extends Float64Array | Uint8Array>(a: T, b: T): T {
  const out = new (a.constructor as new (n: number) => T)(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function gatherRgb(rgb: Uint8Array, rows: Int32Array): Uint8Array {
  const out = new Uint8Array(rows.length * 3);
  for (let i = 0; i < rows.length; i++) out.set(rgb.subarray(rows[i] * 3, rows[i] * 3 + 3), i * 3);
  return out;
}

function gatherGray(gray: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = gray[rows[i]];
  return out;
}

/**
 * Whether member `m` of `count` sees the pixel's row. With `half` the later half does, so
 * members that share their features are trained one after another and share one dataset.
 */
function memberSeesRow(spec: ModelAgentSpec, m: number, count: number): boolean {
  const row = spec.row ?? "off";
  return spec.features.row === true || row === "all" || (row === "half" && m >= Math.floor(count / 2));
}
/** One network of an ensemble with its fitted feature transform. */
interface Member {
  readonly features: FeatureState;
  readonly net: Mlp;
}

/**
 * Training rows of one member: features of the training columns and their targets, plus, with
 * `mirror`, the same pixels of the band flipped left to right (same colours, flipped patches).
 */
function memberDataset(
  spec: ModelAgentSpec,
  features: FeatureState,
  data: TrainSet,
  all: Float64Array,
  trainRows: Int32Array,
  t: Targets,
): Dataset {
  const { width, height } = data;
  const direct: Dataset = {
    x: gatherRows(all, features.dim, trainRows),
    n: trainRows.length,
    dim: features.dim,
    ...t,
  };
  if (!spec.mirror) return direct;
  // Features come from the flipped band as a whole, so windows clip alike; pixel (x, y) of the
  // mirror image sits at (width - 1 - x, y).
  const flipped = computeFeatures(features, mirrorBand(data.gray, width, height), width, height);
  const mirrored = trainRows.map((r) => {
    const y = Math.floor(r / width);
    return y * width + (width - 1 - (r - y * width));
  });
  return {
    x: concatRows(direct.x, gatherRows(flipped, features.dim, mirrored)),
    n: 2 * trainRows.length,
    dim: features.dim,
    targetSize: t.targetSize,
    labels: t.labels && concatRows(t.labels, t.labels),
    targets: t.targets && concatRows(t.targets, t.targets),
    weights: t.weights && concatRows(t.weights, t.weights),
  };
}

/**
 * Turns a model into an {@link Agent}. `fit` standardises gray features on the training band,
 * holds out its validation strip (the last `validationColumns` columns, next to the split), trains
 * on the remaining columns with early stopping on the strip's mean ΔE2000, lets the objective
 * calibrate its decoding on the strip, and keeps the best epoch's parameters; the strip is never
 * trained on. With `members` > 1 it trains that many networks in turn, each validated as part of
 * the ensemble so far, and averages their raw outputs. `predict` computes the same features on
 * the test band's gray, averages, smooths and decodes.
 */
export function modelAgent(spec: ModelAgentSpec, saved?: ModelAgentState): Agent {
  const count = spec.members ?? 1;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`members must be a positive integer, got ${count}`);
  let palette: Palette | undefined;
  let members: Member[] = [];
  let objective = undefined as ReturnType<ObjectiveFactory> | undefined;

  if (saved) {
    const colors = decodeArray(saved.palette) as Uint8Array;
    palette = { size: colors.length / 3, colors };
    objective = spec.objective(palette, saved.objective);
    const states: MemberState[] = [
      { features: saved.features, params: saved.params },
      ...(saved.members ?? []),
    ];
    if (states.length !== count) {
      throw new RangeError(`snapshot holds ${states.length} networks; the configuration asks for ${count}`);
    }
    const obj = objective;
    members = states.map((st) => {
      const features = featureStateFromJson(st.features);
      const net = createNetwork(spec, features.dim, obj);
      const params = decodeArray(st.params) as Float64Array;
      if (params.length !== net.params.length) {
        throw new RangeError(
          `snapshot holds ${params.length} parameters; the configured network has ${net.params.length}`,
        );
      }
      net.params.set(params);
      return { features, net };
    });
  }

  const sigma = spec.smoothing ?? 0;
  const shrink = spec.shrink ?? 0;
  const smoothed = (z: Float64Array, channels: number, width: number, height: number) =>
    sigma > 0 ? smoothField(z, channels, width, height, sigma) : z;

  return {
    async fit(data: TrainSet, ctx: RunContext): Promise<FitReport> {
      throwIfAborted(ctx.signal);
      const { width, height } = data;
      const v = data.validationColumns;
      palette = data.palette;
      const obj = spec.objective(palette);
      objective = obj;
      const trainRows = columnRows(width, height, 0, width - v);
      const validRows = columnRows(width, height, width - v, width);
      const t = obj.targets(data, trainRows);
      const n = validRows.length;
      const vt = n > 0 ? obj.targets(data, validRows) : undefined;
      const stripGray = gatherGray(data.gray, validRows);
      const stripTruth = gatherRgb(data.rgb, validRows);
      const fitted: Member[] = [];
      const history: EpochRecord[] = [];
      const epochs = spec.training.epochs;
      let bestEpoch = 0;
      let epochsRun = 0;
      let stoppedEarly = 0;
      let strip: EnsembleAccumulator | undefined;
      let shared:
        | { row: boolean; features: FeatureState; dataset: Dataset; stripX: Float64Array | undefined }
        | undefined;
      for (let m = 0; m < count; m++) {
        const row = memberSeesRow(spec, m, count);
        if (!shared || shared.row !== row) {
          shared = undefined; // let the previous dataset go before building the next
          const features = fitFeatures({ ...spec.features, row }, data.gray, width, height);
          const all = computeFeatures(features, data.gray, width, height);
          shared = {
            row,
            features,
            dataset: memberDataset(spec, features, data, all, trainRows, t),
            stripX: n > 0 ? gatherRows(all, features.dim, validRows) : undefined,
          };
        }
        const { features, dataset, stripX } = shared;
        const model = createNetwork(spec, features.dim, obj);
        const initRng = ctx.rng.fork();
        const shuffleRng = ctx.rng.fork();
        model.init(initRng);
        const out = model.outputSize;
        strip ??= new EnsembleAccumulator(n, out);
        const acc = strip;
        let validate: ((mdl: Model) => { loss: number; metric: number }) | undefined;
        if (stripX && vt) {
          const z = new Float64Array(n * out);
          const mean = new Float64Array(n * out);
          const rgb = new Uint8Array(n * 3);
          const dz = new Float64Array(n * out);
          validate = (mdl) => {
            mdl.forward(stripX, n, z);
            const loss = obj.head.loss(z, { x: stripX, n, ...vt }, dz);
            // The member is judged as part of the ensemble it joins.
            acc.combine(shrink, mean, smoothed(z, out, v, height));
            obj.decode(mean, n, stripGray, rgb);
            return { loss, metric: colorErrors(stripTruth, rgb).deltaE2000 };
          };
        }
        // Epochs are numbered on across members; the bound is what the remaining members may still run.
        const offset = epochsRun;
        const bound = offset + (count - m) * epochs;
        const result = await train(model, dataset, spec.training, {
          rng: shuffleRng,
          signal: ctx.signal,
          onProgress: ctx.onProgress
            ? (e) =>
                ctx.onProgress!(e.type === "epoch" ? { ...e, epoch: offset + e.epoch, epochs: bound } : e)
            : undefined,
          validate,
          metric: VALID_METRIC,
        });
        for (const h of result.history) history.push({ ...h, epoch: offset + h.epoch });
        bestEpoch = offset + result.bestEpoch;
        epochsRun += result.epochsRun;
        if (result.stoppedEarly) stoppedEarly++;
        if (stripX) {
          const z = new Float64Array(n * out);
          model.forward(stripX, n, z);
          acc.add(smoothed(z, out, v, height));
        }
        fitted.push({ features, net: model });
      }
      if (n > 0 && strip && obj.calibrate) {
        const z = strip.combine(shrink, new Float64Array(strip.sum.length));
        obj.calibrate(z, n, stripGray, (rgb) => colorErrors(stripTruth, rgb).deltaE2000);
      }
      members = fitted;
      return {
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
        },
        backend: "js",
      };
    },

    async predict(test: TestSet, ctx: RunContext): Promise<Prediction> {
      if (members.length === 0 || !objective)
        throw new Error(`${spec.plugin} must be fitted before it predicts`);
      throwIfAborted(ctx.signal);
      const n = test.width * test.height;
      const out = members[0].net.outputSize;
      const rgb = new Uint8Array(n * 3);
      const labels = objective.output === "label" ? new Uint8Array(n) : undefined;
      const direct = members.length === 1 && sigma === 0;
      // Outputs of every pixel when members are averaged or pixels smoothed; else one chunk at a time.
      let field: Float64Array | undefined;
      if (!direct) {
        const acc = new EnsembleAccumulator(n, out);
        const z = new Float64Array(n * out);
        // Members that share a feature transform (trained one after another) share its features.
        let key = "";
        let x: Float64Array = new Float64Array(0);
        for (const [mi, { features, net }] of members.entries()) {
          const k = JSON.stringify(featureStateToJson(features));
          if (k !== key) {
            x = new Float64Array(0); // drop the previous features before computing the next
            x = computeFeatures(features, test.gray, test.width, test.height);
            key = k;
          }
          for (let r0 = 0; r0 < n; r0 += PREDICT_CHUNK) {
            throwIfAborted(ctx.signal);
            const m = Math.min(PREDICT_CHUNK, n - r0);
            net.forward(x.subarray(r0 * features.dim, (r0 + m) * features.dim), m, z.subarray(r0 * out));
            const fraction = (mi + (r0 + m) / n) / (members.length + 1);
            ctx.onProgress?.({ type: "stage", stage: "predict", fraction });
          }
          acc.add(smoothed(z, out, test.width, test.height));
        }
        field = acc.combine(shrink, z);
      }
      const { features, net } = members[0];
      const x = direct ? computeFeatures(features, test.gray, test.width, test.height) : undefined;
      const z = new Float64Array(Math.min(n, PREDICT_CHUNK) * out);
      for (let r0 = 0; r0 < n; r0 += PREDICT_CHUNK) {
        throwIfAborted(ctx.signal);
        const m = Math.min(PREDICT_CHUNK, n - r0);
        if (field) z.set(field.subarray(r0 * out, (r0 + m) * out));
        else net.forward(x!.subarray(r0 * features.dim, (r0 + m) * features.dim), m, z);
        objective.decode(
          z,
          m,
          test.gray.subarray(r0, r0 + m),
          rgb.subarray(r0 * 3, (r0 + m) * 3),
          labels?.subarray(r0, r0 + m),
        );
        const done = (r0 + m) / n;
        const fraction = direct ? done : (members.length + done) / (members.length + 1);
        ctx.onProgress?.({ type: "stage", stage: "predict", fraction });
      }
      return labels ? { rgb, labels, backend: "js" } : { rgb, backend: "js" };
    },

    toJSON(): AgentSnapshot {
      if (members.length === 0 || !palette || !objective)
        throw new Error(`${spec.plugin} has nothing to save before it is fitted`);
      const [first, ...rest] = members.map((m) => ({
        features: featureStateToJson(m.features),
        params: encodeArray(m.net.params),
      }));
      const state: ModelAgentState = {
        ...first,
        palette: encodeArray(palette.colors),
        objective: objective.state?.(),
        ...(rest.length > 0 ? { members: rest } : {}),
      };
      return { plugin: spec.plugin, version: spec.version, config: spec.config, state };
    },
  };
}
