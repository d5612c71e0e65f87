export * from "./fixture-plugin.js";
export * from "./synthetic-image.js";
