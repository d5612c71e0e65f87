import type { AbortSignalLike } from "@colorize/core";
import { bruteForceSearch } from "./search-brute.js";
import type { KnnResult } from "./brute-force.js";

/** Options of {@link searchKnn}. */
export interface SearchOptions {
  readonly signal?: AbortSignalLike;
  /** Called with the fraction of queries done, in [0, 1]. */
  readonly onProgress?: (fraction: number) => void;
  /** Which search to run: "auto" picks the fastest exact one. */
  readonly strategy?: string;
}

/** A search's neighbours plus which strategy and backend ran. */
export interface SearchResult extends KnnResult {
  readonly strategy: string;
  readonly backend: string;
}

/**
 * Exact k-nearest-neighbour search of every test row among the training rows, with the order of
 * {@link bruteForceKnn}: distance, then training row index.
 */
export async function searchKnn(
  train: Int32Array,
  test: Int32Array,
  dim: number,
  k: number,
  options: SearchOptions = {},
): Promise<SearchResult> {
  return bruteForceSearch(train, test, dim, k, options);
}
