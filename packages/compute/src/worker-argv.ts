/**
 * This process's flags minus export conditions. A test runner may resolve workspace packages to
 * their TypeScript sources; a worker runs plain Node on the built JavaScript, so it must not
 * inherit the source condition.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--conditions" || argv[i] === "-C") i++;
    else if (!argv[i].startsWith("--conditions=") && !argv[i].startsWith("-C=")) out.push(argv[i]);
  }
  return out;
}
