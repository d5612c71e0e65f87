import {
  composeOutput,
  cropColumns,
  extractPatches,
  paintLabels,
  prepareTask,
  type RgbImage,
} from "@colorize/core";
import { encodePng } from "@colorize/image-io";
import { bruteForceKnn, buildIndex, searchIndex, voteLabels } from "@colorize/plugin-knn";
import { timed } from "./harness.js";

/** Seconds of each stage of the basic agent after decoding. */
export interface StageSeconds {
  readonly kmeans: number;
  readonly index: number;
  readonly search: number;
  readonly vote: number;
  readonly encode: number;
}

/** One run of the basic agent: stage times, what ran, and a spot check against brute force. */
export interface BasicAgentRun {
  readonly width: number;
  readonly height: number;
  readonly seconds: StageSeconds;
  readonly backend: string;
  readonly distinctTrain: number;
  readonly distinctQueries: number;
  /** Sampled queries whose neighbours differ from brute force (must be 0). */
  readonly mismatches: number;
  readonly checked: number;
  /** The 3x3 gray x 100 patches searched (rows of 9): the left half's, then the right half's. */
  readonly trainPatches: Int32Array;
  readonly testPatches: Int32Array;
  /** Squared distances of every test patch's neighbours, `queries x k`, ascending per query. */
  readonly dist2: Float64Array;
  readonly k: number;
}

/** Options of {@link runBasicAgent}. */
export interface RunOptions {
  readonly threads?: number;
  readonly simd?: boolean;
  /** Test rows compared with brute force (default 64). */
  readonly check?: number;
}

/**
 * The basic agent as the CLI runs it, stage by stage: k-means palette and split, kd-tree index
 * over the left half's 3x3 patches, exact 6-NN search of the right half's, vote, PNG encoding.
 */
export async function runBasicAgent(image: RgbImage, options: RunOptions = {}): Promise<BasicAgentRun> {
  const prep = await timed(() => prepareTask(image, { k: 5, seed: 0 }));
  const { train, test } = prep.value;
  const trainPatches = extractPatches(train.gray100, train.width, train.height, 0, train.width, 3);
  const testPatches = extractPatches(test.gray100, test.width, test.height, 0, test.width, 3);
  const index = await timed(() =>
    buildIndex(trainPatches, 9, { simd: options.simd, shared: options.threads !== 1 }),
  );
  const search = await timed(() => searchIndex(index.value, testPatches, 6, { threads: options.threads }));
  const result = search.value;
  const vote = await timed(() => voteLabels(result.indices, result.k, train.labels, train.palette.size));
  const encode = await timed(() =>
    encodePng(composeOutput(prep.value, paintLabels(train.palette, vote.value))),
  );
  const { mismatches, checked } = spotCheck(
    trainPatches,
    testPatches,
    result.indices,
    result.dist2,
    result.k,
    options.check ?? 64,
  );
  return {
    width: image.width,
    height: image.height,
    seconds: {
      kmeans: prep.seconds,
      index: index.seconds,
      search: search.seconds,
      vote: vote.seconds,
      encode: encode.seconds,
    },
    backend: result.backend,
    distinctTrain: result.stats.distinctTrain,
    distinctQueries: result.stats.distinctQueries,
    mismatches,
    checked,
    trainPatches,
    testPatches,
    dist2: result.dist2,
    k: result.k,
  };
}

/** Compares evenly spaced test rows with brute force; returns how many differ. */
export function spotCheck(
  train: Int32Array,
  test: Int32Array,
  indices: Int32Array,
  dist2: Float64Array,
  k: number,
  count: number,
): { mismatches: number; checked: number } {
  const rows = test.length / 9;
  const n = Math.min(count, rows);
  const sample = new Int32Array(n * 9);
  const which = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    which[i] = Math.floor(((i + 0.5) * rows) / n);
    sample.set(test.subarray(which[i] * 9, which[i] * 9 + 9), i * 9);
  }
  const ref = bruteForceKnn(train, sample, 9, k);
  let mismatches = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < ref.k; j++) {
      if (
        ref.indices[i * ref.k + j] !== indices[which[i] * k + j] ||
        ref.dist2[i * ref.k + j] !== dist2[which[i] * k + j]
      ) {
        mismatches++;
        break;
      }
    }
  }
  return { mismatches, checked: n };
}

/** The centred `size x size` crop of an image (the whole image when it is smaller). */
export function centreCrop(image: RgbImage, size: number): RgbImage {
  const w = Math.min(size, image.width);
  const h = Math.min(size, image.height);
  const x0 = Math.floor((image.width - w) / 2);
  const y0 = Math.floor((image.height - h) / 2);
  const cols = cropColumns(image, x0, x0 + w);
  return { width: w, height: h, data: cols.data.slice(y0 * w * 3, (y0 + h) * w * 3) };
}
