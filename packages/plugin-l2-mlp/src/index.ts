import { l2MlpPlugin } from "./plugin.js";

export { l2MlpPlugin, objectiveOptions, params } from "./plugin.js";
export default l2MlpPlugin;
