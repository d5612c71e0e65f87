export { type FuzzSeed, fuzzCorpus } from "./corpus.js";
export { type DrivenReport, type DriveOptions, driveFuzz } from "./drive.js";
export { MUTATIONS, type Mutation } from "./mutate.js";
export {
  CASE_NAME,
  checkCase,
  type FuzzCase,
  type FuzzMaterial,
  type FuzzOutcome,
  type FuzzReport,
  fuzzCase,
  fuzzMaterial,
} from "./run.js";
