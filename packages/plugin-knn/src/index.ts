import { knnPlugin } from "./plugin.js";

export { bruteForceKnn, type KnnResult } from "./brute-force.js";
export { type CollapsedRows, collapseRows } from "./collapse.js";
export { buildKdTree, type KdTree } from "./kd-tree.js";
export { type PrincipalAxes, principalAxes } from "./pca.js";
export {
  SEARCH_STRATEGIES,
  type SearchOptions,
  type SearchResult,
  type SearchStrategy,
  searchKnn,
} from "./search.js";
export { bruteForceSearch } from "./search-brute.js";
export {
  buildIndex,
  type IndexOptions,
  type KdTreeResult,
  type KdTreeSearchOptions,
  type KdTreeStats,
  type KnnIndex,
  kdTreeSearch,
  searchIndex,
  withinExactRange,
} from "./search-kdtree.js";
export { clearSearchMemo, MEMO_MAX_PIXELS, searchMemoHits } from "./search-memo.js";
export { bandNeighbours, firstNeighbours, knnStudy, type Neighbours } from "./study.js";
export { voteLabels } from "./vote.js";
export { knnPlugin };
export default knnPlugin;
