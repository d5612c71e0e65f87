import { existsSync } from "node:fs";
import { join } from "node:path";
import { getCompute, listBackends } from "@colorize/compute";
import {
  colorErrors,
  createRng,
  featureDim,
  gemmNT,
  modelSpec,
  type Plugin,
  parseConfig,
  prepareTask,
} from "@colorize/core";
import { readImage } from "@colorize/image-io";
import { discoverPlugins } from "@colorize/runtime";
import { type Section, type SectionOptions, table, timed } from "../harness.js";

/** The workspace's model plugins (every plugin of kind `model`, by short name), as `colorize eval` finds them. */
async function modelPlugins(): Promise<(readonly [string, Plugin])[]> {
  const loaded = await discoverPlugins();
  return loaded.filter((p) => p.plugin.meta.kind === "model").map((p) => [p.short, p.plugin] as const);
}

/** Weights and biases of a plugin's default network. */
function defaultSize(plugin: Plugin): number {
  const spec = modelSpec(parseConfig(plugin.params, {}));
  const sizes = [featureDim(spec.features), ...spec.network.hidden];
  let n = 0;
  for (let l = 1; l < sizes.length; l++) n += (sizes[l - 1] + 1) * sizes[l];
  return n;
}

/** The budget of the issue: training to early stop on coffee.png. */
const BUDGET_SECONDS = 10;

/** A 768x512 Kodak photograph, and the budget of training and prediction on one of that size. */
const KODAK_PHOTO = "kodak/kodim01.png";
const KODAK_BUDGET_SECONDS = 15;

interface TrainingRun {
  readonly photo: string;
  readonly model: string;
  readonly fitSeconds: number;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly stripDeltaE: number;
  readonly testDeltaE: number;
  readonly predictSeconds: number;
}

async function trainOne(path: string, photo: string, model: string, plugin: Plugin): Promise<TrainingRun> {
  const task = prepareTask(await readImage(path), { k: 5, seed: 0 });
  const agent = plugin.create(parseConfig(plugin.params, {}));
  const ctx = { seed: 0, rng: createRng(0) };
  const fit = await timed(() => agent.fit(task.train, ctx));
  const predict = await timed(() => agent.predict(task.test, ctx));
  const history = fit.value.history ?? [];
  const best = fit.value.bestEpoch ?? history.length;
  return {
    photo,
    model,
    fitSeconds: fit.seconds,
    epochs: history.length,
    bestEpoch: best,
    stripDeltaE: history[best - 1]?.validMetric ?? Number.NaN,
    testDeltaE: colorErrors(task.truth, predict.value.rgb).deltaE2000,
    predictSeconds: predict.seconds,
  };
}

/** Whether a run kept its budget: fit alone on the small photographs, fit and prediction on the Kodak one. */
function withinBudget(r: TrainingRun): string {
  const ok =
    r.photo === KODAK_PHOTO
      ? r.fitSeconds + r.predictSeconds <= KODAK_BUDGET_SECONDS
      : r.fitSeconds <= BUDGET_SECONDS;
  return ok ? "yes" : "no";
}

/**
 * The products one training step makes, as C (m x n) = A (m x k) B^T, for the model plugin whose
 * default hidden layers are the largest (two chroma outputs).
 */
function stepShapes(
  models: readonly (readonly [string, Plugin])[],
): { label: string; m: number; n: number; k: number }[] {
  const largest = models.reduce((a, b) => (defaultSize(b[1]) > defaultSize(a[1]) ? b : a));
  const spec = modelSpec(parseConfig(largest[1].params, {}));
  const sizes = [featureDim(spec.features), ...spec.network.hidden, 2];
  const b = spec.training.batchSize;
  const out: { label: string; m: number; n: number; k: number }[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const [i, o] = [sizes[l - 1], sizes[l]];
    out.push({ label: `forward, layer ${l} (${b}x${o}x${i})`, m: b, n: o, k: i });
    out.push({ label: `weight gradient, layer ${l} (${o}x${i}x${b})`, m: o, n: i, k: b });
    if (l > 1) out.push({ label: `input gradient, layer ${l} (${b}x${i}x${o})`, m: b, n: i, k: o });
  }
  return out;
}

async function perCall(work: () => unknown, calls: number): Promise<number> {
  await work();
  const t = await timed(async () => {
    for (let i = 0; i < calls; i++) await work();
  });
  return t.seconds / calls;
}

async function gemmTable(
  options: SectionOptions,
  models: readonly (readonly [string, Plugin])[],
): Promise<{ text: string; data: unknown }> {
  const calls = options.quick ? 200 : 2000;
  const backends = listBackends().filter((b) => b.available && b.name !== "js");
  const rng = createRng(1);
  const rows: (string | number)[][] = [];
  const data: Record<string, Record<string, number>> = {};
  for (const s of stepShapes(models)) {
    const a = Float64Array.from({ length: s.m * s.k }, () => rng.normal());
    const b = Float64Array.from({ length: s.n * s.k }, () => rng.normal());
    const out = new Float64Array(s.m * s.n);
    options.log(`training: GEMM ${s.label}`);
    const ref = await perCall(() => gemmNT(a, 0, b, 0, s.m, s.n, s.k, out, 0), calls);
    const row: (string | number)[] = [s.label, ref * 1e6];
    data[s.label] = { "core float64": ref };
    for (const be of backends) {
      const c = getCompute({ prefer: be.name });
      const a32 = new Float32Array(a);
      const b32 = new Float32Array(b);
      const t = await perCall(
        () => c.matmul(a32, b32, s.m, s.k, s.n, { transposeB: true }),
        Math.ceil(calls / 20),
      );
      c.dispose();
      row.push(t * 1e6, ref / t);
      data[s.label][be.name] = t;
    }
    rows.push(row);
  }
  const headers = [
    "product",
    "core float64 µs",
    ...backends.flatMap((b) => [`${b.name} µs`, `${b.name} speed-up`]),
  ];
  return { text: table(headers, rows), data };
}

/** Training of the model plugins to early stop, and the training step's products on each backend. */
export const trainingSection: Section = {
  name: "training",
  description:
    "model plugins trained to early stop on coffee.png (budget 10 s) and a 768x512 Kodak photograph (fit and predict, budget 15 s), and their GEMM shapes on each backend",
  async run(options) {
    const photos = options.quick ? ["coffee.png"] : ["coffee.png", "chelsea.png", KODAK_PHOTO];
    const runs: TrainingRun[] = [];
    const models = await modelPlugins();
    for (const photo of photos) {
      const path = join(options.images, photo);
      if (!existsSync(path)) continue;
      for (const [name, plugin] of models) {
        options.log(`training: ${name} on ${photo}`);
        runs.push(await trainOne(path, photo, name, plugin));
      }
    }
    const fits = table(
      [
        "photo",
        "model",
        "fit s",
        "epochs",
        "best epoch",
        "strip ΔE00",
        "test ΔE00",
        "predict s",
        "within budget",
      ],
      runs.map((r) => [
        r.photo,
        r.model,
        r.fitSeconds,
        r.epochs,
        r.bestEpoch,
        r.stripDeltaE,
        r.testDeltaE,
        r.predictSeconds,
        withinBudget(r),
      ]),
    );
    const gemm = await gemmTable(options, models);
    const text = [
      `Default parameters, k = 5, seed 0; fit includes features, training to early stop and calibration. Budgets: fit ≤ ${BUDGET_SECONDS} s on coffee.png and chelsea.png, fit + predict ≤ ${KODAK_BUDGET_SECONDS} s on ${KODAK_PHOTO} (768x512):`,
      fits,
      "One training step's products (C = A Bᵀ), mean time per call; backends take float32 and are awaited:",
      gemm.text,
      "Training runs core's float64 loops: a backend shows a speed-up above 1 on these shapes before it is worth routing them through the compute layer.",
    ].join("\n\n");
    return {
      name: "training",
      text,
      data: {
        runs,
        gemm: gemm.data,
        budgetSeconds: BUDGET_SECONDS,
        kodakBudgetSeconds: KODAK_BUDGET_SECONDS,
      },
    };
  },
};
