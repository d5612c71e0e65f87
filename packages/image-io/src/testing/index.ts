export * from "./fixtures.js";
export * from "./jpeg-pattern.js";
export * from "./png-builder.js";
