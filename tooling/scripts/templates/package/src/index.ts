import { __camel__Plugin } from "./plugin.js";

export * from "./plugin.js";
export default __camel__Plugin;
