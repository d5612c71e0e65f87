import { randomBytes } from "node:crypto";
import { closeSync, openSync, statSync, unlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./errors.js";

/**
 * Checks, before any work, that an output file can be written: its folder exists, is a folder, and
 * accepts a new file (tried for real, so read-only mounts and root alike are judged truly). An existing
 * folder at the path itself is refused. `option` names the flag in messages, e.g. `--out`.
 *
 * @throws UsageError naming the option and the folder
 */
export function checkOutputFile(path: string, option: string): void {
  const target = resolve(path);
  if (kindOf(target) === "folder") throw new UsageError(`${option} ${path}: is a folder; give a file name`);
  const folder = dirname(target);
  const found = nearestExisting(folder);
  if (found.kind === "file") throw new UsageError(`${option} ${path}: ${found.path} is a file, not a folder`);
  if (found.path !== folder) throw new UsageError(`${option} ${path}: folder ${folder} does not exist`);
  probeWrite(folder, option, path);
}

/**
 * Checks, before any work, that an output folder can be written: an existing one must be a folder that
 * accepts a new file; a missing one is created later (with its parents), so its nearest existing
 * ancestor must be a folder that accepts one. Nothing is left behind by the check.
 *
 * @throws UsageError naming the option and the folder
 */
export function checkOutputFolder(dir: string, option: string): void {
  const found = nearestExisting(resolve(dir));
  if (found.kind === "file") throw new UsageError(`${option} ${dir}: ${found.path} is a file, not a folder`);
  probeWrite(found.path, option, dir);
}

/** What is at a path: nothing, a file, a folder, or a path that runs through a file. */
type Kind = "missing" | "file" | "folder" | "under-file";

function kindOf(path: string): Kind {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return "missing";
    if (code === "ENOTDIR") return "under-file";
    throw new UsageError(`${path}: cannot be checked (${code ?? (error as Error).message})`);
  }
}

/** The path itself or its nearest ancestor that exists, and whether that is a folder or a file. */
function nearestExisting(path: string): { path: string; kind: "file" | "folder" } {
  let at = path;
  for (;;) {
    const kind = kindOf(at);
    if (kind === "file" || kind === "folder") return { path: at, kind };
    const parent = dirname(at);
    if (parent === at) return { path: at, kind: "folder" };
    at = parent;
  }
}

/** Creates and removes an empty file in `folder`; refuses with the reason when that fails. */
function probeWrite(folder: string, option: string, given: string): void {
  const probe = join(folder, `.colorize-write-check-${process.pid}-${randomBytes(4).toString("hex")}`);
  let fd: number;
  try {
    fd = openSync(probe, "wx");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EROFS"
          ? "read-only file system"
          : code === "ENOSPC"
            ? "no space left"
            : (code ?? "unknown error");
    throw new UsageError(`${option} ${given}: cannot write in ${folder} (${why})`);
  }
  closeSync(fd);
  unlinkSync(probe);
}
