import { randomBytes } from "node:crypto";
import { unlinkSync } from "node:fs";
import { type FileHandle, link, lstat, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { firstLine, ImageError } from "./errors.js";

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Refuse (code `exists`) when the target exists, without a window for a race. Default false. */
  readonly exclusive?: boolean;
}

/** Temporary files of writes under way in this process, for {@link removeTemporaryFiles}. */
const live = new Set<string>();

/** The temporary files of atomic writes under way in this process. */
export function temporaryFiles(): string[] {
  return [...live];
}

/**
 * Removes, synchronously, the temporary file of every atomic write under way, for a process that is
 * about to exit before they finish (a second Ctrl-C): their targets are left as they were. Returns
 * the paths removed.
 */
export function removeTemporaryFiles(): string[] {
  const removed: string[] = [];
  for (const temp of live) {
    try {
      unlinkSync(temp);
      removed.push(temp);
    } catch {
      // already gone
    }
    live.delete(temp);
  }
  return removed;
}

/**
 * Writes `bytes` to `path` so that readers see either the old file or the complete new one: a temporary
 * file `.NAME.tmp-<pid>-<random>` in the same folder is written, fsynced and renamed over the target
 * (with `exclusive`, hard-linked to it, which fails if the target appeared meanwhile). The temporary file
 * is removed on any failure.
 *
 * @throws ImageError `exists` (with `exclusive`) or `write-failed`
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const folder = dirname(resolve(path));
  // Random bytes only make the name unique; nothing about the output depends on them.
  const temp = join(folder, `.${basename(path)}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
  let handle: FileHandle | undefined;
  let tempExists = false;
  try {
    handle = await open(temp, "wx", 0o666);
    tempExists = true;
    live.add(temp);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.exclusive === true) await publishExclusive(temp, path);
    else await rename(temp, path);
    tempExists = false;
    await syncFolder(folder);
  } catch (error) {
    if (handle !== undefined) await handle.close().catch(() => undefined);
    if (tempExists) await unlink(temp).catch(() => undefined);
    throw writeError(path, error);
  } finally {
    live.delete(temp);
  }
}

/** Publishes `temp` as `path` unless `path` exists: link() fails with EEXIST instead of replacing. */
async function publishExclusive(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EEXIST") throw existsError(path);
    // File systems without hard links: check, then rename (a narrow race remains there only).
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
    if (await pathExists(path)) throw existsError(path);
    await rename(temp, path);
    return;
  }
  await unlink(temp);
}

/** Makes the rename itself durable; some platforms cannot fsync a folder, which is not an error. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, "r");
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Whether anything (file, folder, dangling symlink) exists at `path`. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** The error for an existing output that may not be overwritten. */
export function existsError(path: string): ImageError {
  return new ImageError("exists", `${path}: already exists; use --force to overwrite it`);
}

function writeError(path: string, error: unknown): ImageError {
  if (error instanceof ImageError) return error;
  const code = (error as { code?: string }).code;
  const why =
    code === "ENOENT"
      ? `folder ${dirname(path)} does not exist`
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "it is a directory"
          : firstLine(error);
  return new ImageError("write-failed", `${path}: cannot write (${why})`, { cause: error });
}
