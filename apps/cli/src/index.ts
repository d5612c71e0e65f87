export { exitCodeOf, RunFailedError, UsageError } from "./errors.js";
export { buildProgram, main } from "./program.js";
