import { softmaxMlpPlugin } from "./plugin.js";

export { params, softmaxMlpPlugin } from "./plugin.js";
export default softmaxMlpPlugin;
