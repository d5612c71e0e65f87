// The worker locator and flags live in compute, which plugins depend on; runtime's users get them here too.
export { builtWorker, workerExecArgv } from "@colorize/compute";
export * from "./apply-agent.js";
export * from "./band-predict.js";
export * from "./baselines.js";
export * from "./comparison-steps.js";
export * from "./discovery.js";
export * from "./engine.js";
export * from "./events.js";
export * from "./memory-estimate.js";
export * from "./run-agent.js";
export * from "./run-context.js";
export * from "./snapshot-file.js";
export * from "./train-agent.js";
export * from "./worker-job.js";
