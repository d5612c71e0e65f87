import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";

/** The real path of a file, or for one that does not exist yet the real path of its folder plus its name. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Whether two paths name one file: by real path, or by inode (hard links, case-insensitive disks). */
export function sameFile(a: string, b: string): boolean {
  if (canonical(a) === canonical(b)) return true;
  try {
    const [sa, sb] = [statSync(a), statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Checks, before any work, that a command may write `out`: it is none of the files the command
 * reads, its folder exists, and it does not exist unless `force`.
 * @throws UsageError with a one-line reason
 */
export function checkOutputPath(
  out: string,
  inputs: readonly string[],
  force: boolean,
  option: string,
): void {
  for (const input of inputs) {
    if (sameFile(out, input))
      throw new UsageError(`${option} ${out} is an input of this command (${input}); choose another path`);
  }
  const folder = dirname(resolve(out));
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(`${option} ${out}: folder ${folder} does not exist`);
  if (!force && existsSync(out))
    throw new UsageError(`${out} exists; choose another ${option} or pass --force to overwrite it`);
}
