import { rgbMlpPlugin } from "./plugin.js";

export { params, rgbMlpPlugin } from "./plugin.js";
export default rgbMlpPlugin;
