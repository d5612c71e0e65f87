import { knnPlugin } from "./plugin.js";

export { type KnnResult, bruteForceKnn } from "./brute-force.js";
export { type SearchOptions, type SearchResult, searchKnn } from "./search.js";
export { voteLabels } from "./vote.js";
export { knnPlugin };
export default knnPlugin;
