import { type Compute, getCompute, listBackends, type MatmulOptions } from "@colorize/compute";
import { createRng } from "@colorize/core";
import { ratio, type Section, type SectionOptions, table, timed } from "../harness.js";

function random(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}

/** Best of `repeats` runs (after one warm-up that also compiles kernels), in seconds. */
async function best(work: () => Promise<unknown>, repeats: number): Promise<number> {
  await work();
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) min = Math.min(min, (await timed(work)).seconds);
  return min;
}

interface Case {
  readonly label: string;
  readonly work: (c: Compute) => Promise<unknown>;
}

function cases(quick: boolean): Case[] {
  const sizes = quick ? [64, 256] : [64, 256, 512];
  const out: Case[] = [];
  for (const s of sizes) {
    const a = random(s * s, 1);
    const b = random(s * s, 2);
    const variants: [string, MatmulOptions][] =
      s === sizes[sizes.length - 1]
        ? [
            ["A·B", {}],
            ["A·Bᵀ", { transposeB: true }],
            ["Aᵀ·B", { transposeA: true }],
          ]
        : [["A·B", {}]];
    for (const [name, o] of variants)
      out.push({ label: `matmul ${s}³ ${name}`, work: (c) => c.matmul(a, b, s, s, s, o) });
  }
  const n = quick ? 100_000 : 1_000_000;
  const rng = createRng(3);
  const points = new Float32Array(n * 3).map(() => rng.int(256));
  const centroids = new Float32Array([20, 30, 40, 200, 180, 160, 90, 120, 60, 250, 20, 20, 10, 10, 200]);
  out.push({
    label: `k-means assignment ${n / 1000}k points, k=5`,
    work: (c) => c.assign(points, centroids, 5),
  });
  const x = random(n, 4);
  out.push({ label: `sigmoid of ${n / 1000}k values`, work: (c) => c.elementwise("sigmoid", x) });
  return out;
}

async function measure(options: SectionOptions) {
  const available = listBackends();
  const names = available.filter((b) => b.available).map((b) => b.name);
  const all = cases(options.quick);
  const seconds: Record<string, Record<string, number>> = {};
  for (const name of names) {
    const compute = getCompute({ prefer: name });
    seconds[name] = {};
    for (const c of all) {
      // gpu.js's cpu mode is transpiled JavaScript; its 512³ products take long and add nothing.
      if (name === "gpu.js:cpu" && c.label.startsWith("matmul 512")) continue;
      options.log(`compute: ${name} ${c.label}`);
      seconds[name][c.label] = await best(() => c.work(compute), options.quick ? 1 : 3);
    }
    compute.dispose();
  }
  return { available, names, labels: all.map((c) => c.label), seconds };
}

/** The compute kernels on every backend that loads here, as seconds and ratios to js. */
export const computeSection: Section = {
  name: "compute",
  description: "compute backends available here; matmul, k-means assignment and element-wise ops on each",
  async run(options) {
    const m = await measure(options);
    const auto = getCompute();
    const backends = table(
      ["backend", "priority", "available", "reason"],
      m.available.map((b) => [b.name, String(b.priority), b.available ? "yes" : "no", b.reason ?? ""]),
    );
    const headers = [
      "kernel",
      ...m.names.flatMap((n) => (n === "js" ? [`${n} s`] : [`${n} s`, `${n} speed-up vs js`])),
    ];
    const rows = m.labels.map((label) => [
      label,
      ...m.names.flatMap((n) => {
        const s = m.seconds[n][label] ?? Number.NaN;
        return n === "js" ? [s] : [s, ratio(m.seconds.js[label], s)];
      }),
    ]);
    const text = [
      backends,
      `getCompute({ prefer: "auto" }) runs: ${auto.name}`,
      `Best of ${options.quick ? 1 : 3} runs after a warm-up (kernel compilation excluded), float32 inputs:`,
      table(headers, rows),
    ].join("\n\n");
    auto.dispose();
    return { name: "compute", text, data: { backends: m.available, auto: auto.name, seconds: m.seconds } };
  },
};
