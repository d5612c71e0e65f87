export { builtWorker } from "./built-worker.js";
export {
  AUTO_RULE,
  DENSE_BACKENDS,
  type DenseBackend,
  type DenseChoice,
  denseBackendNames,
  denseKernels,
  type GemmShape,
  gemmShape,
  listDenseBackends,
} from "./dense/registry.js";
export { createGpuJsBackend, GPUJS_MODES, type GpuJsMode, gpuJsUnavailable } from "./gpujs-backend.js";
export { createJsBackend } from "./js-backend.js";
export {
  assignReference,
  elementwiseReference,
  knnReference,
  matmulJs,
  matmulReference,
  neighbourDistances,
  transpose,
} from "./reference.js";
export {
  type BackendEntry,
  type BackendInfo,
  type ComputeChoice,
  type GetComputeOptions,
  getCompute,
  listBackends,
  registerBackend,
  unregisterBackend,
} from "./registry.js";
export type { Compute, Computed, ElementwiseOp, MatmulOptions, Numeric, Rows } from "./types.js";
export * as wasm from "./wasm/index.js";
export { workerExecArgv } from "./worker-argv.js";
