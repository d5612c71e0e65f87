import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The path of a compiled worker script `file` (e.g. `"agent-worker.js"`) for the module at
 * `moduleUrl` (its `import.meta.url`): the file beside the module when it runs from `dist/`, else,
 * when the module runs from its TypeScript source under a test runner, the package's built copy
 * in `../dist/`. Worker threads run plain JavaScript, so a source module cannot start its own
 * source. Undefined when neither exists (the package is not built).
 */
export function builtWorker(moduleUrl: string, file: string): string | undefined {
  const beside = fileURLToPath(new URL(`./${file}`, moduleUrl));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL(`../dist/${file}`, moduleUrl));
  return existsSync(built) ? built : undefined;
}
