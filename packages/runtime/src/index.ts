export * from "./baselines.js";
export * from "./comparison-steps.js";
export * from "./discovery.js";
export * from "./engine.js";
export * from "./events.js";
export * from "./run-agent.js";
export * from "./worker-argv.js";
export * from "./worker-job.js";
