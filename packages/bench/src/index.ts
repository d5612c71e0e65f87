export * from "./harness.js";
export {
  type BasicAgentRun,
  centreCrop,
  type RunOptions,
  runBasicAgent,
  type StageSeconds,
  spotCheck,
} from "./pipeline.js";
export { computeSection } from "./sections/compute.js";
export { sections } from "./sections/index.js";
export { knnSection, type PhotoRun, photoRun } from "./sections/knn.js";
