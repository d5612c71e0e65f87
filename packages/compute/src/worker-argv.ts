/**
 * Flags for a worker thread: undefined (the worker inherits this process's flags, Node leaving
 * out those a worker cannot take, such as V8 options) unless they hold export conditions; then
 * the flags minus the conditions and minus V8-only options, which Node refuses in an explicit
 * list ("invalid execArgv flags"). A test runner may resolve workspace packages to their
 * TypeScript sources; a worker runs plain Node on the built JavaScript, so it must not inherit
 * the source condition.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] | undefined {
  if (
    !argv.some(
      (a) => a === "--conditions" || a === "-C" || a.startsWith("--conditions=") || a.startsWith("-C="),
    )
  )
    return undefined;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    // A flag's value may be the next argument (`--require x`): it goes or stays with its flag.
    const value = !flag.includes("=") && i + 1 < argv.length && !argv[i + 1].startsWith("-");
    const condition = flag === "--conditions" || flag === "-C" || /^(--conditions|-C)=/.test(flag);
    if (!condition && acceptedByWorkers(flag)) out.push(...argv.slice(i, value ? i + 2 : i + 1));
    if (value) i++;
  }
  return out;
}

/** Whether Node takes `flag` in a worker's execArgv: its own options, not V8's. */
function acceptedByWorkers(flag: string): boolean {
  const name = flag.split("=")[0];
  return process.allowedNodeEnvironmentFlags.has(name) && !V8_OPTIONS_NODE_ALLOWS.has(name);
}

// V8 options that NODE_OPTIONS accepts (so allowedNodeEnvironmentFlags lists them) but workers do not.
const V8_OPTIONS_NODE_ALLOWS = new Set([
  "--abort-on-uncaught-exception",
  "--disallow-code-generation-from-strings",
  "--enable-etw-stack-walking",
  "--huge-max-old-generation-size",
  "--interpreted-frames-native-stack",
  "--jitless",
  "--max-old-space-size",
  "--max-semi-space-size",
  "--perf-basic-prof",
  "--perf-basic-prof-only-functions",
  "--perf-prof",
  "--perf-prof-unwinding-info",
  "--stack-trace-limit",
]);
