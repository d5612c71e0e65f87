export { type CliRun, cliRun } from "./cli-run.js";
export * from "./harness.js";
export {
  DEFAULT_PYTHONS,
  installHint,
  PEERS,
  type PeerTree,
  probeReference,
  type ReferenceOptions,
  type ReferenceProbe,
  type ReferenceRun,
  type ReferenceVersions,
  readRaw,
  runReference,
  sameDistances,
  writeRaw,
} from "./independent.js";
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
export {
  benchPhotos,
  INDEPENDENT_MAX_PIXELS,
  type IndependentRequest,
  knnSection,
  type PhotoRun,
  photoRun,
} from "./sections/knn.js";
