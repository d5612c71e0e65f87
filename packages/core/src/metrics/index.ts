export * from "./ciede2000.js";
export * from "./color.js";
export * from "./color-error.js";
export * from "./colorfulness.js";
export * from "./metrics.js";
export * from "./ssim.js";
