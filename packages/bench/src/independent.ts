import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { endianness, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The script that runs scipy's cKDTree on raw int32 rows (shipped beside `src/` and `dist/`). */
export const CKDTREE_SCRIPT = fileURLToPath(new URL("../reference/ckdtree_search.py", import.meta.url));

/** Versions of the independent reference's software. */
export interface ReferenceVersions {
  readonly scipy: string;
  readonly numpy: string;
  readonly python: string;
}

/** Whether the independent reference can run here, and if not, why (one line). */
export type ReferenceProbe =
  | { readonly available: true; readonly versions: ReferenceVersions }
  | { readonly available: false; readonly reason: string };

/** One run of scipy's cKDTree (one thread) on the same rows as our search, checked against it. */
export type ReferenceRun =
  | {
      readonly available: true;
      /** cKDTree construction, seconds. */
      readonly build: number;
      /** `tree.query(queries, k, workers=1)`, seconds. */
      readonly query: number;
      readonly versions: ReferenceVersions;
      readonly queries: number;
      /** Queries whose sorted squared neighbour distances equal ours exactly. */
      readonly same: number;
    }
  | { readonly available: false; readonly reason: string };

/** Writes a typed array's bytes as they are in memory (little-endian on every host Node runs here). */
export function writeRaw(path: string, values: Int32Array | Float64Array): void {
  writeFileSync(path, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** Reads a raw little-endian file into a fresh typed array of the given kind. */
export function readRaw<T extends Int32Array | Float64Array>(
  path: string,
  kind: { new (buffer: ArrayBuffer): T; readonly BYTES_PER_ELEMENT: number },
): T {
  const bytes = readFileSync(path);
  if (bytes.byteLength % kind.BYTES_PER_ELEMENT !== 0)
    throw new Error(
      `${path} holds ${bytes.byteLength} bytes, not whole ${kind.BYTES_PER_ELEMENT}-byte values`,
    );
  // Copied so the view is aligned whatever the Buffer's offset in its pool.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new kind(copy);
}

/**
 * Counts the queries whose `k` squared neighbour distances, sorted, are equal in `ours` and
 * `theirs` (both `queries x k`, row-major). Indices are not compared: under equal distances two
 * exact searches may legitimately return different rows.
 */
export function sameDistances(ours: Float64Array, theirs: Float64Array, k: number): number {
  if (ours.length !== theirs.length || ours.length % k !== 0) return 0;
  const a = new Float64Array(k);
  const b = new Float64Array(k);
  let same = 0;
  for (let q = 0; q < ours.length / k; q++) {
    for (let j = 0; j < k; j++) {
      insertSorted(a, j, ours[q * k + j]);
      insertSorted(b, j, theirs[q * k + j]);
    }
    let equal = true;
    for (let j = 0; j < k; j++) if (a[j] !== b[j]) equal = false;
    if (equal) same++;
  }
  return same;
}

/** Puts `v` into the ascending prefix `row[0..filled)`. */
function insertSorted(row: Float64Array, filled: number, v: number): void {
  let p = filled;
  while (p > 0 && row[p - 1] > v) {
    row[p] = row[p - 1];
    p--;
  }
  row[p] = v;
}

/** The first line of a failed child's stderr, or of the error itself. */
function reasonOf(e: unknown, python: string): string {
  const err = e as { code?: unknown; stderr?: string; killed?: boolean; signal?: string; message?: string };
  if (err.code === "ENOENT") return `${python} with scipy not found`;
  const stderr = (err.stderr ?? "").trim();
  const lastLine = stderr.split("\n").pop() ?? "";
  if (err.code === 3) return `${python} with scipy not found (${lastLine})`;
  if (err.killed || err.signal) return `${python} was stopped (${err.signal ?? "timeout"})`;
  return lastLine || (err.message ?? String(e)).split("\n")[0];
}

/** Asks `python` (default `python3`) for its numpy and scipy versions; never throws. */
export async function probeReference(python = "python3"): Promise<ReferenceProbe> {
  try {
    const { stdout } = await run(python, [CKDTREE_SCRIPT, "--versions"], { timeout: 60_000 });
    return { available: true, versions: JSON.parse(stdout) as ReferenceVersions };
  } catch (e) {
    return { available: false, reason: reasonOf(e, python) };
  }
}

/** Options of {@link runReference}. */
export interface ReferenceOptions {
  /** Python executable (default `python3`). */
  readonly python?: string;
  /**
   * Milliseconds before the child is stopped; default 2 minutes plus 1 ms per query, over three
   * times what cKDTree needs on a megapixel photo of 3x3 patches on one free core.
   */
  readonly timeoutMs?: number;
}

/**
 * Runs scipy's cKDTree (default leaf size, `workers=1`) on the same int32 rows as our search and
 * compares every query's sorted squared neighbour distances with `ours` (`queries x k`). Rows go
 * through a fresh temporary folder, removed afterwards. Never throws: any failure comes back as
 * `{ available: false, reason }`.
 */
export async function runReference(
  train: Int32Array,
  queries: Int32Array,
  dims: number,
  k: number,
  ours: Float64Array,
  options: ReferenceOptions = {},
): Promise<ReferenceRun> {
  const python = options.python ?? "python3";
  const n = queries.length / dims;
  if (endianness() !== "LE") return { available: false, reason: "the raw files assume a little-endian host" };
  let dir = "";
  try {
    dir = mkdtempSync(join(tmpdir(), "colorize-bench-"));
    const paths = {
      train: join(dir, "train.i32"),
      queries: join(dir, "queries.i32"),
      out: join(dir, "dist2.f64"),
    };
    writeRaw(paths.train, train);
    writeRaw(paths.queries, queries);
    const { stdout } = await run(
      python,
      [CKDTREE_SCRIPT, paths.train, paths.queries, paths.out, String(k), String(dims)],
      { timeout: Math.round(options.timeoutMs ?? 120_000 + n), maxBuffer: 1 << 20 },
    );
    const r = JSON.parse(stdout) as ReferenceVersions & { build: number; query: number; queries: number };
    if (r.queries !== n)
      return { available: false, reason: `the reference read ${r.queries} queries, not ${n}` };
    const theirs = readRaw(paths.out, Float64Array);
    return {
      available: true,
      build: r.build,
      query: r.query,
      versions: { scipy: r.scipy, numpy: r.numpy, python: r.python },
      queries: n,
      same: sameDistances(ours, theirs, k),
    };
  } catch (e) {
    return { available: false, reason: reasonOf(e, python) };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
