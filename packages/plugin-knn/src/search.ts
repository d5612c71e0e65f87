import type { AbortSignalLike } from "@colorize/core";
import type { KnnResult } from "./brute-force.js";
import { bruteForceSearch } from "./search-brute.js";
import { type KnnIndex, kdTreeSearch, searchIndex, withinExactRange } from "./search-kdtree.js";

/** Exact search strategies, all giving identical neighbours. */
export const SEARCH_STRATEGIES = ["auto", "kd-tree", "kd-tree-js", "kd-tree-1t", "brute-force"] as const;

/** One of {@link SEARCH_STRATEGIES}. */
export type SearchStrategy = (typeof SEARCH_STRATEGIES)[number];

/** Options of {@link searchKnn}. */
export interface SearchOptions {
  readonly signal?: AbortSignalLike;
  /** Called with the fraction of queries done, in [0, 1]. */
  readonly onProgress?: (fraction: number) => void;
  /**
   * Which search to run (default "auto", the kd-tree whenever its exactness proof covers the
   * values, else brute force): "kd-tree" (SIMD leaf filter, worker threads), "kd-tree-js"
   * (plain JavaScript leaves), "kd-tree-1t" (one thread), "brute-force" (the reference).
   */
  readonly strategy?: string;
  /** Worker threads for the kd-tree (default: one per core when the search is large). */
  readonly threads?: number;
  /** A kd-tree index already built over `train` (see `buildIndex`), used by kd-tree strategies. */
  readonly index?: KnnIndex;
}

/** A search's neighbours plus which strategy and backend ran. */
export interface SearchResult extends KnnResult {
  readonly strategy: string;
  readonly backend: string;
}

/**
 * Exact k-nearest-neighbour search of every test row among the training rows, with the order of
 * {@link bruteForceKnn}: distance, then training row index. Throws on an unknown strategy.
 */
export async function searchKnn(
  train: Int32Array,
  test: Int32Array,
  dim: number,
  k: number,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const strategy = options.strategy ?? "auto";
  if (!(SEARCH_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new RangeError(
      `unknown search strategy "${strategy}"; expected one of ${SEARCH_STRATEGIES.join(", ")}`,
    );
  }
  if (strategy === "brute-force" || (strategy === "auto" && !withinExactRange(train, test))) {
    return bruteForceSearch(train, test, dim, k, options);
  }
  const kdOptions = {
    signal: options.signal,
    onProgress: options.onProgress,
    simd: strategy !== "kd-tree-js",
    threads: strategy === "kd-tree-1t" ? 1 : options.threads,
  };
  if (options.index) return searchIndex(options.index, test, k, kdOptions);
  return kdTreeSearch(train, test, dim, k, kdOptions);
}
