import {
  AUTO_RULE,
  DENSE_BACKENDS,
  denseKernels,
  type GemmShape,
  gemmShape,
  listDenseBackends,
} from "@colorize/compute";
import { createRng, type Gemm } from "@colorize/core";
import { ratio, type Section, table, timed } from "./harness.js";

/**
 * The models' dense kernels on every backend that loads here, at the shapes the default model
 * plugins run (a training minibatch's forward and backward products, a prediction chunk), with
 * the shape class "auto" files each under and the backend its rule picks: the measurement
 * behind compute's AUTO_RULE.
 */

/** [label, transA, transB, m, n, k] of C (m x n) = op(A) op(B). */
type Shape = readonly [string, boolean, boolean, number, number, number];

// rgb-mlp's default net: 13 features, hidden 48 and 24, 2 outputs; batches of 256; prediction
// in chunks of 4096 rows. logreg: 17 features to 5 palette logits.
const SHAPES: readonly Shape[] = [
  ["logreg forward, a few rows", false, true, 8, 5, 17],
  ["mlp layer 1 forward, a few rows", false, true, 8, 48, 13],
  ["logreg forward, batch", false, true, 256, 5, 17],
  ["mlp layer 1 forward, batch", false, true, 256, 48, 13],
  ["mlp layer 2 forward, batch", false, true, 256, 24, 48],
  ["mlp layer 2 weight gradient", true, false, 24, 48, 256],
  ["mlp layer 2 input gradient", false, false, 256, 48, 24],
  ["mlp layer 1 forward, prediction chunk", false, true, 4096, 48, 13],
  ["mlp layer 2 forward, prediction chunk", false, true, 4096, 24, 48],
];

function random(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** Seconds per product: best of `repeats` timings of enough products to take a few ms, after a warm-up. */
async function perProduct(
  gemm: Gemm,
  s: Shape,
  repeats: number,
): Promise<{ seconds: number; out: Float64Array }> {
  const [, tA, tB, m, n, k] = s;
  const a = random(m * k, 1);
  const b = random(k * n, 2);
  const out = new Float64Array(m * n);
  const count = Math.max(1, Math.round(2e6 / (m * n * k)));
  const work = () => {
    for (let r = 0; r < count; r++) gemm(tA, tB, m, n, k, a, 0, b, 0, out, 0);
  };
  work();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) best = Math.min(best, (await timed(work)).seconds / count);
  return { seconds: best, out };
}

/** The dense kernels' backends, timings per shape and ratio to js, and auto's choice. */
export const backendsSection: Section = {
  name: "backends",
  description:
    "the models' dense products on each backend that loads (js, wasm-simd, gpu.js), and auto's pick",
  async run(options) {
    const listed = listDenseBackends();
    const names = listed.filter((b) => b.available).map((b) => b.name);
    const repeats = options.quick ? 2 : 5;
    const seconds: Record<string, Record<string, number>> = {};
    const maxDiff: Record<string, Record<string, number>> = {};
    for (const name of names) {
      const gemm = DENSE_BACKENDS.find((b) => b.name === name)!.create().gemm!;
      seconds[name] = {};
      maxDiff[name] = {};
      for (const s of SHAPES) {
        options.log(`backends: ${name} ${s[0]}`);
        const got = await perProduct(gemm, s, repeats);
        seconds[name][s[0]] = got.seconds;
        const ref = (await perProduct(DENSE_BACKENDS[0].create().gemm!, s, 1)).out;
        let d = 0;
        for (let i = 0; i < ref.length; i++) d = Math.max(d, Math.abs(got.out[i] - ref[i]));
        maxDiff[name][s[0]] = d;
      }
    }
    const rows = SHAPES.map((s) => {
      const [label, , , m, n, k] = s;
      const shape: GemmShape = gemmShape(m, n, k);
      const fastest = names.reduce((a, b) => (seconds[b][label] < seconds[a][label] ? b : a));
      const ks = denseKernels("auto");
      ks.gemm(s[1], s[2], m, n, k, random(m * k, 1), 0, random(k * n, 2), 0, new Float64Array(m * n), 0);
      return [
        `${label} (${m}x${n}x${k})`,
        shape,
        ...names.flatMap((nm) =>
          nm === "js"
            ? [seconds[nm][label] * 1e6]
            : [seconds[nm][label] * 1e6, ratio(seconds.js[label], seconds[nm][label])],
        ),
        fastest,
        ks.used().gemm!.join(", "),
      ];
    });
    const headers = [
      "product",
      "class",
      ...names.flatMap((n) => (n === "js" ? [`${n} µs`] : [`${n} µs`, `${n} speed-up vs js`])),
      "fastest",
      "auto ran",
    ];
    const text = [
      table(
        ["backend", "precision", "available", "reason"],
        listed.map((b) => [b.name, b.precision, b.available ? "yes" : "no", b.reason ?? ""]),
      ),
      `auto's rule (compute AUTO_RULE): gemm ${Object.entries(AUTO_RULE.gemm)
        .map(([c, l]) => `${c}: ${l.join(" > ")}`)
        .join("; ")}; assign: ${AUTO_RULE.assign.join(" > ")}`,
      `Best of ${repeats} timings per product after a warm-up, float64 operands; largest |difference| from js: ${names
        .filter((n) => n !== "js")
        .map((n) => `${n} ${Math.max(...Object.values(maxDiff[n])).toExponential(1)}`)
        .join(", ")}`,
      table(headers, rows),
    ].join("\n\n");
    return { name: "backends", text, data: { backends: listed, rule: AUTO_RULE, seconds, maxDiff } };
  },
};
