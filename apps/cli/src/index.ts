export { buildProgram, main } from "./program.js";
export { exitCodeOf, RunFailedError, UsageError } from "./errors.js";
