import {
  type AbortSignalLike,
  type AgentSnapshot,
  agentFactory,
  type Config,
  decodeArray,
  definePlugin,
  type EncodedArray,
  encodeArray,
  extractPatches,
  type FitReport,
  type Palette,
  type Plugin,
  type Prediction,
  paintLabels,
  type RunContext,
  type TestSet,
  type TrainSet,
  throwIfAborted,
} from "@colorize/core";
import { aheadIndex, aheadServes, joinAhead, startAhead } from "./ahead.js";
import { defaultThreads, warmWorkers } from "./run-threads.js";
import { SEARCH_STRATEGIES, searchKnn } from "./search.js";
import { buildIndex, type KnnIndex, withinExactRange } from "./search-kdtree.js";
import { exclusive, memoHas, memoIndex, memoSearch, rememberIndex, rememberSearch } from "./search-memo.js";
import { firstNeighbours, knnStudy } from "./study.js";
import { voteLabels } from "./vote.js";

const NAME = "@colorize/plugin-knn";
const VERSION = "0.1.0";

const params = {
  neighbours: {
    type: "integer",
    default: 6,
    min: 1,
    max: 64,
    description: "training patches that vote for each test pixel",
  },
  patchSize: {
    type: "integer",
    default: 3,
    min: 1,
    max: 9,
    description: "side of the square gray patch (odd)",
  },
  search: {
    type: "enum",
    values: SEARCH_STRATEGIES,
    default: "auto",
    description:
      "exact neighbour search: auto (kd-tree when exact), kd-tree (SIMD leaves, threads), kd-tree-js, kd-tree-1t, brute-force; all give identical neighbours",
  },
} as const;

interface KnnState {
  width: number;
  height: number;
  gray100: EncodedArray;
  labels: EncodedArray;
  palette: EncodedArray;
}

function makeAgent(config: Config, state?: KnnState) {
  const neighbours = config.neighbours as number;
  const size = config.patchSize as number;
  if (size % 2 !== 1) throw new RangeError(`patchSize must be odd, got ${size}`);
  const strategy = config.search as string;
  const usesTree = strategy !== "brute-force";
  // The kd-tree over the training patches: built in fit, or on the first predict after restore.
  let index: KnnIndex | undefined;
  // Whether the index came from this thread's memo of the last training band (see search-memo.ts),
  // or from the search started ahead on a worker thread (see ahead.ts).
  let reused = false;
  let early = false;
  const indexFor = async (
    t: { width: number; height: number; gray100: Int32Array },
    signal?: AbortSignalLike,
  ): Promise<KnnIndex | undefined> => {
    if (!index && usesTree) {
      index = memoIndex(t.width, t.height, t.gray100, size, strategy);
      reused = index !== undefined;
      const ahead = index ? undefined : aheadIndex(t, size, strategy, signal);
      if (ahead) {
        index = await ahead;
        early = true;
        rememberIndex(t.width, t.height, t.gray100, size, strategy, index);
      }
      // Patches hold gray values only, so checking the gray band checks them all at a ninth the cost.
      if (!index && (strategy !== "auto" || withinExactRange(t.gray100))) {
        const patches = extractPatches(t.gray100, t.width, t.height, 0, t.width, size);
        index = buildIndex(patches, size * size, {
          simd: strategy !== "kd-tree-js",
          shared: strategy === "kd-tree-1t" ? false : undefined,
        });
        rememberIndex(t.width, t.height, t.gray100, size, strategy, index);
      }
    }
    return index;
  };
  let train:
    | { width: number; height: number; gray100: Int32Array; labels: Uint8Array; palette: Palette }
    | undefined = state && {
    width: state.width,
    height: state.height,
    gray100: decodeArray(state.gray100) as Int32Array,
    labels: decodeArray(state.labels) as Uint8Array,
    palette: { size: state.palette.length / 3, colors: decodeArray(state.palette) as Uint8Array },
  };
  return {
    async fit(data: TrainSet, ctx: RunContext): Promise<FitReport> {
      throwIfAborted(ctx.signal);
      train = {
        width: data.width,
        height: data.height,
        gray100: data.gray100,
        labels: data.labels,
        palette: data.palette,
      };
      const built = await indexFor(train, ctx.signal);
      throwIfAborted(ctx.signal);
      if (!built) return { facts: { trainingPatches: data.width * data.height }, backend: "js:brute-force" };
      return {
        facts: {
          trainingPatches: data.width * data.height,
          distinctPatches: built.distinctTrain,
          // A reused index (built for an identical training band before) cost nothing here; one
          // built ahead cost its seconds on a worker thread, while the palette was being made.
          indexSeconds: reused ? 0 : Math.round(built.seconds * 1000) / 1000,
          ...(early ? { indexBuilt: "ahead, on a worker thread" } : {}),
        },
        backend: `${built.filter}:kd-tree`,
      };
    },
    async predict(test: TestSet, ctx: RunContext): Promise<Prediction> {
      if (!train) throw new Error("the k-NN agent must be fitted before it predicts");
      const t = train;
      const dim = size * size;
      // The first `neighbours` of each query vote (a kept search may hold more; a training band
      // of fewer rows has fewer).
      const vote = (found: { indices: Int32Array; k: number }, backend: string): Prediction => {
        const j = Math.min(neighbours, found.k);
        const labels = voteLabels(firstNeighbours(found, j), j, t.labels, t.palette.size);
        return { rgb: paintLabels(t.palette, labels), labels, backend };
      };
      // The same bands were searched before on this thread (another seed's palette): the same neighbours.
      const kept = memoSearch(t, test, size, strategy, neighbours);
      if (kept) {
        throwIfAborted(ctx.signal);
        ctx.onProgress?.({ type: "stage", stage: "search", fraction: 1 });
        throwIfAborted(ctx.signal);
        // The backend is the one that found these neighbours: results do not depend on the memo.
        return vote(kept.found, kept.backend);
      }
      const joined = joinAhead(t, test, size, strategy, neighbours, {
        signal: ctx.signal,
        onProgress: (fraction) => ctx.onProgress?.({ type: "stage", stage: "search", fraction }),
      });
      if (joined) {
        const result = await joined;
        throwIfAborted(ctx.signal);
        rememberSearch(t, test, size, strategy, { indices: result.indices, k: result.k }, result.backend);
        return vote(result, result.backend);
      }
      const built = await indexFor(t, ctx.signal);
      const trainPatches = built
        ? new Int32Array(0)
        : extractPatches(t.gray100, t.width, t.height, 0, t.width, size);
      const testPatches = extractPatches(test.gray100, test.width, test.height, 0, test.width, size);
      const search = () =>
        searchKnn(trainPatches, testPatches, dim, neighbours, {
          signal: ctx.signal,
          strategy: built ? strategy : "brute-force",
          index: built,
          onProgress: (fraction) => ctx.onProgress?.({ type: "stage", stage: "search", fraction }),
        });
      const result = await (built ? exclusive(built, search) : search());
      throwIfAborted(ctx.signal);
      rememberSearch(t, test, size, strategy, { indices: result.indices, k: result.k }, result.backend);
      return vote(result, result.backend);
    },
    toJSON(): AgentSnapshot {
      if (!train) throw new Error("the k-NN agent has nothing to save before it is fitted");
      return {
        plugin: NAME,
        version: VERSION,
        config,
        state: {
          width: train.width,
          height: train.height,
          gray100: encodeArray(train.gray100),
          labels: encodeArray(train.labels),
          palette: encodeArray(train.palette.colors),
        } satisfies KnnState,
      };
    },
  };
}

/** The basic agent of the assignment: k-NN over 3x3 gray patches voting with palette colours. */
export const knnPlugin: Plugin = definePlugin({
  meta: {
    name: NAME,
    version: VERSION,
    kind: "agent",
    role: "basic",
    description: {
      summary: "the basic agent: 6 most similar 3x3 gray patches of the left half vote with palette colours",
      input: "the 3x3 gray patch (9 values, edge-replicated inside each half) around each pixel",
      output: "one of the k palette colours per pixel",
      model: "the training patches themselves (instance-based, no parameters are learned)",
      loss: "none; neighbours are chosen by Euclidean distance between gray patches",
      algorithm: "exact k-nearest-neighbour search, majority vote, ties to the nearest tied neighbour",
      preprocessing:
        "k-means palette of the left half's colours; each training pixel labelled with its nearest palette colour",
      overfitting: "not applicable: nothing is fitted beyond storing the patches",
    },
  },
  capabilities: { output: "label", backends: ["js", "wasm-simd"], gradients: false, iterative: false },
  params,
  study: knnStudy,
  ahead(bands, config) {
    const size = config.patchSize as number;
    const strategy = config.search as string;
    const k = config.neighbours as number;
    if (size % 2 !== 1 || memoHas(bands.train, bands.test, size, strategy, k)) return;
    startAhead(bands.train, bands.test, size, strategy, k);
  },
  warm(config) {
    if (aheadServes(config.search as string)) warmWorkers(defaultThreads() - 1);
  },
  ...agentFactory<KnnState>(NAME, params, makeAgent, VERSION),
});
