import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { getCompute } from "@colorize/compute";
import { extractPatches, prepareTask } from "@colorize/core";
import { readImage } from "@colorize/image-io";
import { bruteForceKnn, type KdTreeSearchOptions, kdTreeSearch } from "@colorize/plugin-knn";
import { type CliRun, cliRun } from "../cli-run.js";
import {
  cpuSeconds,
  fitExponent,
  fmt,
  peakRssMiB,
  ratio,
  type Section,
  type SectionOptions,
  table,
  timed,
} from "../harness.js";
import {
  type PeerTree,
  probeReference,
  type ReferenceProbe,
  type ReferenceRun,
  runReference,
} from "../independent.js";
import { centreCrop, runBasicAgent } from "../pipeline.js";
import { checkTargets, PEER_ORDER, type PeerRow, peersText, targetsText } from "./knn-independent.js";

const run = promisify(execFile);

/** What one photo's end-to-end run reports (from its own process, so peak RSS is its own). */
export interface PhotoRun {
  readonly photo: string;
  readonly width: number;
  readonly height: number;
  readonly decode: number;
  readonly kmeans: number;
  readonly index: number;
  readonly search: number;
  readonly vote: number;
  readonly encode: number;
  readonly total: number;
  /** CPU seconds of the whole run, all threads: above `total` when threads overlap. */
  readonly cpu: number;
  readonly peakRssMiB: number;
  readonly backend: string;
  readonly mismatches: number;
  readonly checked: number;
  /** The peers on the same patches, when asked for (after the figures above were taken). */
  readonly peers?: Partial<Record<PeerTree, ReferenceRun>>;
}

/** Which peers run, with which Python and threads, on which photos. */
export interface IndependentRequest {
  /** Every photo; otherwise photos up to {@link INDEPENDENT_MAX_PIXELS} (the tree's entry). */
  readonly all: boolean;
  /** The Python executable that imports each peer to run. */
  readonly pythons: Partial<Record<PeerTree, string>>;
  readonly threads: number;
}

/**
 * Largest photo (pixels) each peer runs on by default: above it a search takes minutes (pykdtree
 * on 2 threads: about half a minute on retina's 2 MP, more than 7 minutes on 12 MP; cKDTree slower).
 */
export const INDEPENDENT_MAX_PIXELS: Readonly<Record<PeerTree, number>> = {
  pykdtree: 4_000_000,
  ckdtree: 1_000_000,
};

/**
 * Runs the basic agent end to end on one photo in this process and returns the figures; the
 * bench calls it in a child process per photo. With `reference`, the search runs as the plain
 * single-thread JavaScript kd-tree instead (the in-process reference for ratios). With
 * `independent`, the peers (pykdtree, scipy's cKDTree) then search the same patches and every query's neighbour
 * distances are compared with ours; the time, CPU and memory figures are taken before it starts.
 */
export async function photoRun(
  path: string,
  reference: boolean,
  independent?: IndependentRequest,
): Promise<PhotoRun> {
  const t0 = performance.now();
  const decoded = await timed(() => readImage(path));
  const r = await runBasicAgent(decoded.value, reference ? { threads: 1, simd: false } : {});
  const s = r.seconds;
  const figures = {
    photo: path.split("/").pop()!,
    width: r.width,
    height: r.height,
    decode: decoded.seconds,
    ...s,
    total: (performance.now() - t0) / 1000,
    cpu: cpuSeconds(),
    peakRssMiB: peakRssMiB(),
    backend: r.backend,
    mismatches: r.mismatches,
    checked: r.checked,
  };
  if (!independent) return figures;
  const peers: Partial<Record<PeerTree, ReferenceRun>> = {};
  for (const tree of PEER_ORDER) {
    const python = independent.pythons[tree];
    if (!python) continue;
    const max = INDEPENDENT_MAX_PIXELS[tree];
    if (!independent.all && r.width * r.height > max) {
      const reason = `above ${max / 1e6} MP it takes minutes; --independent runs it`;
      peers[tree] = { available: false, reason };
      continue;
    }
    peers[tree] = await runReference(r.trainPatches, r.testPatches, 9, r.k, r.dist2, {
      python,
      tree,
      threads: independent.threads,
    });
  }
  return { ...figures, peers };
}

async function inChild(
  path: string,
  reference: boolean,
  independent?: IndependentRequest,
): Promise<PhotoRun> {
  const main = fileURLToPath(new URL("../main.js", import.meta.url));
  const args = [main, "--child-photo", path, ...(reference ? ["--reference"] : [])];
  if (independent) args.push("--child-independent", JSON.stringify(independent));
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as PhotoRun;
}

/** The photographs the bench runs: the folder's, then those of its `kodak` and `large` subfolders. */
export function benchPhotos(images: string, quick: boolean): string[] {
  if (quick) return ["astronaut.png", "baboon.jpg"].map((n) => join(images, n)).filter((p) => existsSync(p));
  const out: string[] = [];
  for (const dir of [images, join(images, "kodak"), join(images, "large")]) {
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir)
      .filter((n) => /\.(png|jpe?g)$/i.test(n))
      .sort();
    out.push(...names.map((n) => join(dir, n)));
  }
  return out;
}

/** The in-process plain-JavaScript reference runs on the photographs of the folder itself only. */
function wantsReference(path: string, images: string): boolean {
  return join(path, "..") === join(images);
}

async function photos(options: SectionOptions) {
  const paths = benchPhotos(options.images, options.quick);
  const threads = Math.min(2, availableParallelism());
  const probes = {} as Record<PeerTree, ReferenceProbe>;
  for (const tree of PEER_ORDER) probes[tree] = await probeReference(options.python, tree);
  const pythons: Partial<Record<PeerTree, string>> = {};
  for (const tree of PEER_ORDER) {
    const p = probes[tree];
    if (p.available) pythons[tree] = p.versions.executable;
  }
  const request: IndependentRequest | undefined =
    Object.keys(pythons).length > 0 ? { all: options.independentAll ?? false, pythons, threads } : undefined;
  const rows: { run: PhotoRun; reference?: PhotoRun }[] = [];
  const peerRows: PeerRow[] = [];
  const runs = options.quick ? 1 : 2;
  for (const path of paths) {
    const name = path.split("/").pop() ?? path;
    // The whole `colorize run` process, best of `runs` (other work on the machine only ever slows
    // a run down, so the faster one is the better estimate), before anything else runs.
    let best: CliRun | undefined;
    for (let i = 0; i < runs; i++) {
      options.log(`knn: colorize run ${name}${runs > 1 ? ` (${i + 1}/${runs})` : ""}`);
      const c = await cliRun(path);
      if (!best || c.seconds < best.seconds) best = c;
    }
    options.log(`knn: ${name} stage by stage${request ? ", then the peers on the same patches" : ""}`);
    const { peers, ...stages } = await inChild(path, false, request);
    let reference: PhotoRun | undefined;
    if (wantsReference(path, options.images)) {
      options.log(`knn: ${name} with the plain single-thread kd-tree (reference)`);
      reference = await inChild(path, true);
    }
    rows.push({ run: stages, reference });
    peerRows.push({
      photo: name,
      size: `${stages.width}x${stages.height}`,
      pixels: stages.width * stages.height,
      runSeconds: best?.seconds ?? Number.NaN,
      peakRssMiB: best?.peakRssMiB ?? Number.NaN,
      peers: peers ?? {},
    });
  }
  const text = table(
    [
      "photo",
      "size",
      "decode s",
      "k-means s",
      "index s",
      "search s",
      "vote s",
      "encode s",
      "total s",
      "CPU s",
      "peak RSS MiB",
      "ref. search s",
      "search speed-up",
      "exact",
    ],
    rows.map(({ run: r, reference: ref }) => [
      r.photo,
      `${r.width}x${r.height}`,
      r.decode,
      r.kmeans,
      r.index,
      r.search,
      r.vote,
      r.encode,
      r.total,
      r.cpu,
      Math.round(r.peakRssMiB),
      ref ? ref.search : Number.NaN,
      ref ? ratio(ref.search, r.search) : Number.NaN,
      `${r.checked - r.mismatches}/${r.checked}`,
    ]),
  );
  const backends = [...new Set(rows.map((r) => r.run.backend))].join(", ");
  const targets = checkTargets(peerRows);
  return {
    rows,
    peerRows,
    probes,
    targets,
    text: [
      peersText(peerRows, probes, threads),
      `Targets:\n\n${targetsText(targets)}`,
      "Stage by stage (one run in its own process, the pipeline without the command-line program's " +
        `start-up, metrics and report; backend: ${backends}). Reference: js:kd-tree x1 thread (no SIMD) ` +
        "in the same build, on the folder's own photographs; exact: neighbours sampled against brute force.",
      text,
    ].join("\n\n"),
  };
}

async function scaling(options: SectionOptions) {
  const path = join(options.images, "retina.jpg");
  if (!existsSync(path)) return { rows: [], text: "retina.jpg not found; scaling series skipped" };
  const image = await readImage(path);
  const sizes = options.quick ? [128, 256, 512] : [128, 256, 512, 1024, Math.max(image.width, image.height)];
  const rows = [];
  for (const size of sizes) {
    options.log(`knn: retina crop ${size}`);
    const crop = centreCrop(image, size);
    const r = await runBasicAgent(crop, {});
    const s = r.seconds;
    rows.push({
      size: `${crop.width}x${crop.height}`,
      pixels: crop.width * crop.height,
      ...s,
      total: s.kmeans + s.index + s.search + s.vote,
      backend: r.backend,
      exact: r.mismatches === 0,
    });
  }
  const px = rows.map((r) => r.pixels);
  const exponents = {
    total: fitExponent(
      px,
      rows.map((r) => r.total),
    ),
    index: fitExponent(
      px,
      rows.map((r) => r.index),
    ),
    search: fitExponent(
      px,
      rows.map((r) => r.search),
    ),
  };
  const text = `${table(
    ["retina crop", "pixels", "k-means s", "index s", "search s", "vote s", "total s", "backend"],
    rows.map((r) => [r.size, String(r.pixels), r.kmeans, r.index, r.search, r.vote, r.total, r.backend]),
  )}\n\nfitted exponent of time against pixels: total ${fmt(exponents.total)}, index ${fmt(exponents.index)}, search ${fmt(exponents.search)}`;
  return { rows, exponents, text };
}

async function strategies(options: SectionOptions) {
  const path = join(options.images, "baboon.jpg");
  if (!existsSync(path)) return { rows: [], text: "baboon.jpg not found; strategy comparison skipped" };
  const size = options.quick ? 96 : 192;
  const crop = centreCrop(await readImage(path), size);
  const { train, test } = prepareTask(crop, { k: 5, seed: 0 });
  const tr = extractPatches(train.gray100, train.width, train.height, 0, train.width, 3);
  const te = extractPatches(test.gray100, test.width, test.height, 0, test.width, 3);
  const rows: { strategy: string; backend: string; seconds: number; exact: string }[] = [];
  options.log(`knn: strategies on a ${size}x${size} crop of baboon`);
  const ref = await timed(() => bruteForceKnn(tr, te, 9, 6));
  const rowsCount = te.length / 9;
  rows.push({ strategy: "brute-force (reference)", backend: "js", seconds: ref.seconds, exact: "reference" });
  const same = (indices: Int32Array, dist2: Float64Array) => {
    let bad = 0;
    for (let i = 0; i < indices.length; i++)
      if (indices[i] !== ref.value.indices[i] || dist2[i] !== ref.value.dist2[i]) bad++;
    return bad === 0 ? `${rowsCount}/${rowsCount}` : `${bad} values differ`;
  };
  const variants: [string, KdTreeSearchOptions][] = [
    ["kd-tree, plain JavaScript", { simd: false, threads: 1 }],
    ["kd-tree, JavaScript traversal + SIMD leaves", { traversal: "js", threads: 1 }],
    ["kd-tree, WebAssembly (leaves of 32)", { leafSize: 32, threads: 1 }],
    ["kd-tree, WebAssembly (leaves of 64)", { leafSize: 64, threads: 1 }],
    ["kd-tree, WebAssembly (leaves of 128, default)", { threads: 1 }],
    ["kd-tree, WebAssembly (leaves of 256)", { leafSize: 256, threads: 1 }],
    ["kd-tree, plain JavaScript", { simd: false, threads: 2 }],
    ["kd-tree, WebAssembly (default)", { threads: 2 }],
  ];
  for (const [strategy, o] of variants) {
    const r = await timed(() => kdTreeSearch(tr, te, 9, 6, o));
    rows.push({
      strategy,
      backend: r.value.backend,
      seconds: r.seconds,
      exact: same(r.value.indices, r.value.dist2),
    });
  }
  // gpu.js's top-k kernel makes k selection passes per query: timed on the first queries only,
  // against brute force on the same queries. Gray x 100 distances exceed float32's exact range,
  // so its float32 ranking may differ where distances nearly tie.
  const subset = te.subarray(0, 9 * Math.min(256, rowsCount));
  const n = subset.length / 9;
  const refSub = await timed(() => bruteForceKnn(tr, subset, 9, 6));
  const gpu = getCompute({ prefer: "gpu.js:webasm" });
  const g = await timed(() => gpu.knn(tr, subset, 9, 6));
  let bad = 0;
  for (let i = 0; i < g.value.data.indices.length; i++)
    if (g.value.data.indices[i] !== refSub.value.indices[i]) bad++;
  gpu.dispose();
  const text = table(
    ["strategy", "backend", "index + search s", "speed-up vs brute force", "equal to brute force"],
    [
      ...rows.map((r) => [r.strategy, r.backend, r.seconds, ratio(ref.seconds, r.seconds), r.exact]),
      [
        `brute-force top-k kernel, float32 (first ${n} queries)`,
        g.value.backend,
        g.seconds,
        ratio(refSub.seconds, g.seconds),
        bad === 0 ? `${n}/${n}` : `${bad} of ${n * 6} neighbours differ`,
      ],
    ],
  );
  return { rows, text: `${size}x${size} crop of baboon.jpg (${rowsCount} queries):\n\n${text}` };
}

/** The basic agent's k-NN: photos end to end, a scaling series, and strategies compared. */
export const knnSection: Section = {
  name: "knn",
  description: "basic agent end to end on every photo, retina scaling series, search strategies compared",
  async run(options) {
    const s = await strategies(options);
    const sc = await scaling(options);
    const p = await photos(options);
    const text = [
      "### Basic agent end to end (each photo in its own process)",
      p.text,
      "### Scaling series (centred crops of retina.jpg)",
      sc.text,
      "### Exact search strategies on the same input",
      s.text,
    ].join("\n\n");
    return {
      name: "knn",
      text,
      data: {
        runs: p.peerRows,
        targets: p.targets,
        peers: p.probes,
        photos: p.rows,
        scaling: sc,
        strategies: s.rows,
      },
    };
  },
};
