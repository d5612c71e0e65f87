import { rgbMlpPlugin } from "./plugin.js";

export { E1, E2 } from "./chroma-basis.js";
export { params, rgbMlpPlugin } from "./plugin.js";
export {
  CHROMA_SCALES,
  CHROMA_UNIT,
  type RgbObjectiveOptions,
  regressionHead,
  rgbObjective,
} from "./rgb-objective.js";
export default rgbMlpPlugin;
