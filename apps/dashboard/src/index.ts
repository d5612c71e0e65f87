export { type ColorMode, detectColorMode } from "./color-mode.js";
export { Dashboard, type Effects } from "./dashboard.js";
export { initialState, reduce } from "./reducer.js";
export { resultsDocument } from "./results-doc.js";
export { saveRun } from "./save.js";
export { initialSetup } from "./setup-form.js";
export { type DashboardOptions, runDashboard } from "./start.js";
export type { Action, AgentRow, DashboardState, RunState, SetupState } from "./state.js";
