import { logregPlugin } from "./plugin.js";

export { logregPlugin, params } from "./plugin.js";
export default logregPlugin;
