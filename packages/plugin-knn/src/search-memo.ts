import type { KnnIndex } from "./search-kdtree.js";
import type { Neighbours } from "./study.js";

/**
 * What this thread searched last, by the contents of the gray bands searched. The neighbours of a
 * test band among a training band depend on their gray values and the patch side alone, not on the
 * palette or the seed, so an evaluation of one photograph with several seeds (each seed its own
 * palette) asks the same searches once per seed: the later ones are answered from here. Keys are
 * the bands' contents, compared value by value (a copy is kept), so an answer is only ever reused
 * for identical inputs, and the answer is the exact search's. What is kept is bounded: the index
 * of one training band of at most {@link MEMO_MAX_PIXELS}, and searches holding at most
 * {@link MEMO_MAX_BYTES} (the oldest are dropped first).
 */

/** Largest band (pixels) whose index or searches are kept: retina.jpg's halves (1411 x 705) are. */
export const MEMO_MAX_PIXELS = 1 << 20;
/** Bytes of kept searches (their bands' copies and neighbours), at most. */
export const MEMO_MAX_BYTES = 64 * 1024 * 1024;

/** A gray band as the memo keys it: its size and a copy of its values. */
interface Band {
  readonly width: number;
  readonly height: number;
  readonly gray100: Int32Array;
}

/** Whether two bands have the same size and values. */
export function sameBand(a: BandLike, b: BandLike): boolean {
  if (a.width !== b.width || a.height !== b.height || a.gray100.length !== b.gray100.length) return false;
  const x = a.gray100;
  const y = b.gray100;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function keep(width: number, height: number, gray100: Int32Array): Band {
  return { width, height, gray100: gray100.slice() };
}

interface IndexEntry {
  readonly band: Band;
  readonly patchSize: number;
  readonly strategy: string;
  readonly index: KnnIndex;
}

interface SearchEntry {
  readonly train: Band;
  readonly test: Band;
  readonly patchSize: number;
  readonly strategy: string;
  readonly found: Neighbours;
  readonly backend: string;
}

let lastIndex: IndexEntry | undefined;
let searches: SearchEntry[] = [];
let hits = 0;
let budget = MEMO_MAX_BYTES;

/**
 * Forgets every kept index and search (tests; and a caller that wants the memory back); `bytes`
 * sets the searches' budget from now on (default {@link MEMO_MAX_BYTES}).
 */
export function clearSearchMemo(bytes = MEMO_MAX_BYTES): void {
  lastIndex = undefined;
  searches = [];
  hits = 0;
  budget = bytes;
}

/** How many answers the memo gave since it was last cleared (tests and reports). */
export function searchMemoHits(): number {
  return hits;
}

/** A band the memo keeps: within {@link MEMO_MAX_PIXELS}. */
export function memoizable(width: number, height: number): boolean {
  return width * height <= MEMO_MAX_PIXELS;
}

/** The index kept for this training band, patch side and strategy, or undefined. */
export function memoIndex(
  width: number,
  height: number,
  gray100: Int32Array,
  patchSize: number,
  strategy: string,
): KnnIndex | undefined {
  const e = lastIndex;
  if (!e || e.patchSize !== patchSize || e.strategy !== strategy) return undefined;
  if (!sameBand(e.band, { width, height, gray100 })) return undefined;
  hits++;
  return e.index;
}

/** Keeps the index of a training band (only the last one is kept). */
export function rememberIndex(
  width: number,
  height: number,
  gray100: Int32Array,
  patchSize: number,
  strategy: string,
  index: KnnIndex,
): void {
  if (!memoizable(width, height)) return;
  lastIndex = { band: keep(width, height, gray100), patchSize, strategy, index };
}

/** Shape of a band handed to the memo: the fields of a TrainSet or TestSet it reads. */
export interface BandLike {
  readonly width: number;
  readonly height: number;
  readonly gray100: Int32Array;
}

/**
 * The kept neighbours of `test` among `train` when a search for at least `k` of them with this
 * patch side and strategy was kept: the first `k` of each query, which is exactly a search for `k`
 * (neighbours are in a total order: distance, then training index).
 */
export function memoSearch(
  train: BandLike,
  test: BandLike,
  patchSize: number,
  strategy: string,
  k: number,
): { found: Neighbours; backend: string } | undefined {
  const i = searches.findIndex((e) => e.found.k >= k && sameSearch(e, train, test, patchSize, strategy));
  if (i < 0) return undefined;
  const e = searches[i];
  searches.splice(i, 1);
  searches.unshift(e);
  hits++;
  return { found: e.found, backend: e.backend };
}

/** Whether {@link memoSearch} would answer, without counting a hit or reordering what is kept. */
export function memoHas(
  train: BandLike,
  test: BandLike,
  patchSize: number,
  strategy: string,
  k: number,
): boolean {
  return searches.some((e) => e.found.k >= k && sameSearch(e, train, test, patchSize, strategy));
}

/** Whether a kept search is of these bands with this patch side and strategy (any neighbours). */
function sameSearch(
  e: SearchEntry,
  train: BandLike,
  test: BandLike,
  patchSize: number,
  strategy: string,
): boolean {
  return (
    e.patchSize === patchSize && e.strategy === strategy && sameBand(e.test, test) && sameBand(e.train, train)
  );
}

/** Keeps a search's neighbours (the most recent {@link MAX_SEARCHES} are kept). */
export function rememberSearch(
  train: BandLike,
  test: BandLike,
  patchSize: number,
  strategy: string,
  found: Neighbours,
  backend: string,
): void {
  if (!memoizable(train.width, train.height) || !memoizable(test.width, test.height)) return;
  // A search for fewer neighbours of the same bands is answered by this one from now on.
  searches = searches.filter(
    (e) => !(e.found.k <= found.k && sameSearch(e, train, test, patchSize, strategy)),
  );
  if (bytesOf(train.gray100.length, test.gray100.length, found.indices.length) > budget) return;
  searches.unshift({
    train: keep(train.width, train.height, train.gray100),
    test: keep(test.width, test.height, test.gray100),
    patchSize,
    strategy,
    found: { indices: found.indices.slice(), k: found.k },
    backend,
  });
  let total = 0;
  const kept = searches.findIndex((e) => {
    total += bytesOf(e.train.gray100.length, e.test.gray100.length, e.found.indices.length);
    return total > budget;
  });
  if (kept >= 0) searches.length = kept;
}

function bytesOf(train: number, test: number, indices: number): number {
  return 4 * (train + test + indices);
}

const queues = new WeakMap<KnnIndex, Promise<unknown>>();

/**
 * Runs `search` on `index` after every search already queued on it: an index kept here may be
 * shared by several agents, and one index's searches use the same per-thread slots.
 */
export function exclusive<T>(index: KnnIndex, search: () => Promise<T>): Promise<T> {
  const prev = queues.get(index) ?? Promise.resolve();
  const next = prev.then(search, search);
  queues.set(
    index,
    next.catch(() => undefined),
  );
  return next;
}
