import { type Agent, type AgentSnapshot, type FitReport, type RunContext, throwIfAborted } from "../agent.js";
import { colorErrors } from "../metrics/color-error.js";
import type { Palette } from "../palette.js";
import type { Config } from "../params.js";
import type { Prediction, TestSet, TrainSet } from "../task.js";
import { decodeArray, type EncodedArray, encodeArray } from "../typed.js";
import type { Dataset } from "./dataset.js";
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
import { createNetwork, type ModelSpec } from "./model-params.js";
import type { ObjectiveFactory } from "./objective.js";
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
  readonly objective: ObjectiveFactory;
}

/** The saved state of a fitted model agent. */
export interface ModelAgentState {
  readonly features: FeatureStateJson;
  readonly params: EncodedArray;
  readonly palette: EncodedArray;
  readonly objective?: unknown;
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
 * Turns a model into an {@link Agent}. `fit` standardises gray features on the training band,
 * holds out its validation strip (the last `validationColumns` columns, next to the split), trains
 * on the remaining columns with early stopping on the strip's mean ΔE2000, lets the objective
 * calibrate its decoding on the strip, and keeps the best epoch's parameters; the strip is never
 * trained on. `predict` computes the same features on the test band's gray and decodes.
 */
export function modelAgent(spec: ModelAgentSpec, saved?: ModelAgentState): Agent {
  let features: FeatureState | undefined;
  let palette: Palette | undefined;
  let net: Mlp | undefined;
  let objective = undefined as ReturnType<ObjectiveFactory> | undefined;

  const build = (f: FeatureState, p: Palette, objectiveState?: unknown): Mlp => {
    objective = spec.objective(p, objectiveState);
    return createNetwork(spec, f.dim, objective);
  };

  if (saved) {
    features = featureStateFromJson(saved.features);
    const colors = decodeArray(saved.palette) as Uint8Array;
    palette = { size: colors.length / 3, colors };
    net = build(features, palette, saved.objective);
    const params = decodeArray(saved.params) as Float64Array;
    if (params.length !== net.params.length) {
      throw new RangeError(
        `snapshot holds ${params.length} parameters; the configured network has ${net.params.length}`,
      );
    }
    net.params.set(params);
  }

  return {
    async fit(data: TrainSet, ctx: RunContext): Promise<FitReport> {
      throwIfAborted(ctx.signal);
      const { width, height } = data;
      const v = data.validationColumns;
      features = fitFeatures(spec.features, data.gray, width, height);
      palette = data.palette;
      const model = build(features, palette);
      const initRng = ctx.rng.fork();
      const shuffleRng = ctx.rng.fork();
      model.init(initRng);
      const all = computeFeatures(features, data.gray, width, height);
      const trainRows = columnRows(width, height, 0, width - v);
      const validRows = columnRows(width, height, width - v, width);
      const t = objective!.targets(data, trainRows);
      const dataset: Dataset = {
        x: gatherRows(all, features.dim, trainRows),
        n: trainRows.length,
        dim: features.dim,
        ...t,
      };
      const obj = objective!;
      let validate: ((m: Model) => { loss: number; metric: number }) | undefined;
      let strip: { x: Float64Array; gray: Float64Array; truth: Uint8Array; z: Float64Array } | undefined;
      if (validRows.length > 0) {
        const vt = obj.targets(data, validRows);
        const x = gatherRows(all, features.dim, validRows);
        const n = validRows.length;
        const s = {
          x,
          gray: gatherGray(data.gray, validRows),
          truth: gatherRgb(data.rgb, validRows),
          z: new Float64Array(n * model.outputSize),
        };
        strip = s;
        const rgb = new Uint8Array(n * 3);
        const dz = new Float64Array(n * model.outputSize);
        validate = (m) => {
          m.forward(s.x, n, s.z);
          const loss = obj.head.loss(s.z, { x: s.x, n, ...vt }, dz);
          obj.decode(s.z, n, s.gray, rgb);
          return { loss, metric: colorErrors(s.truth, rgb).deltaE2000 };
        };
      }
      const result = await train(model, dataset, spec.training, {
        rng: shuffleRng,
        signal: ctx.signal,
        onProgress: ctx.onProgress,
        validate,
        metric: VALID_METRIC,
      });
      if (strip && obj.calibrate) {
        const n = validRows.length;
        model.forward(strip.x, n, strip.z);
        const s = strip;
        obj.calibrate(strip.z, n, strip.gray, (rgb) => colorErrors(s.truth, rgb).deltaE2000);
      }
      net = model;
      return {
        history: result.history,
        bestEpoch: result.bestEpoch,
        metric: validate ? VALID_METRIC : undefined,
        facts: {
          trainingRows: trainRows.length,
          validationRows: validRows.length,
          features: features.dim,
          parameters: model.params.length,
          epochsRun: result.epochsRun,
          stoppedEarly: result.stoppedEarly ? "yes" : "no",
        },
        backend: "js",
      };
    },

    async predict(test: TestSet, ctx: RunContext): Promise<Prediction> {
      if (!net || !features || !objective)
        throw new Error(`${spec.plugin} must be fitted before it predicts`);
      throwIfAborted(ctx.signal);
      const n = test.width * test.height;
      const x = computeFeatures(features, test.gray, test.width, test.height);
      const out = net.outputSize;
      const z = new Float64Array(Math.min(n, PREDICT_CHUNK) * out);
      const rgb = new Uint8Array(n * 3);
      const labels = objective.output === "label" ? new Uint8Array(n) : undefined;
      for (let r0 = 0; r0 < n; r0 += PREDICT_CHUNK) {
        throwIfAborted(ctx.signal);
        const m = Math.min(PREDICT_CHUNK, n - r0);
        net.forward(x.subarray(r0 * features.dim, (r0 + m) * features.dim), m, z);
        objective.decode(
          z,
          m,
          test.gray.subarray(r0, r0 + m),
          rgb.subarray(r0 * 3, (r0 + m) * 3),
          labels?.subarray(r0, r0 + m),
        );
        ctx.onProgress?.({ type: "stage", stage: "predict", fraction: (r0 + m) / n });
      }
      return labels ? { rgb, labels, backend: "js" } : { rgb, backend: "js" };
    },

    toJSON(): AgentSnapshot {
      if (!net || !features || !palette || !objective)
        throw new Error(`${spec.plugin} has nothing to save before it is fitted`);
      const state: ModelAgentState = {
        features: featureStateToJson(features),
        params: encodeArray(net.params),
        palette: encodeArray(palette.colors),
        objective: objective.state?.(),
      };
      return { plugin: spec.plugin, version: spec.version, config: spec.config, state };
    },
  };
}
