export * from "./checks.js";
export * from "./describe-plugin.js";
export * from "./gradients.js";
export * from "./label-model-plugin.js";
export * from "./received.js";
export * from "./sanity.js";
export * from "./side-doors.js";
export * from "./synthetic.js";
