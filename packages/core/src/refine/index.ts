export * from "./box.js";
export * from "./guided.js";
