import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { endianness, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The script that runs a peer tree on raw int32 rows (shipped beside `src/` and `dist/`). */
export const PEER_SCRIPT = fileURLToPath(new URL("../reference/tree_search.py", import.meta.url));

/** The exact peers the bench runs: pykdtree (OpenMP) and scipy's cKDTree. */
export type PeerTree = "pykdtree" | "ckdtree";

/** What each peer is called, which Python module it needs and which Debian package ships it. */
export const PEERS: Record<
  PeerTree,
  { readonly label: string; readonly module: string; readonly debian: string }
> = {
  pykdtree: { label: "pykdtree", module: "pykdtree", debian: "python3-pykdtree" },
  ckdtree: { label: "scipy's cKDTree", module: "scipy", debian: "python3-scipy" },
};

/**
 * The Pythons tried when none is named: the one on PATH, then the system's (a pyenv or virtualenv
 * Python on PATH often lacks the system's packages).
 */
export const DEFAULT_PYTHONS: readonly string[] = ["python3", "/usr/bin/python3"];

/** Versions of a peer's software, and the Python that ran it. */
export interface ReferenceVersions {
  readonly tree: PeerTree;
  /** The tree's package version (scipy's for cKDTree). */
  readonly version: string;
  readonly numpy: string;
  readonly python: string;
  /** The Python executable that imported it. */
  readonly executable: string;
}

/** Whether the independent reference can run here, and if not, why (one line). */
export type ReferenceProbe =
  | { readonly available: true; readonly versions: ReferenceVersions }
  | { readonly available: false; readonly reason: string };

/** One run of a peer tree on the same rows as our search, checked against it. */
export type ReferenceRun =
  | {
      readonly available: true;
      /** Tree construction, seconds. */
      readonly build: number;
      /** `tree.query(queries, k)` with the requested threads, seconds. */
      readonly query: number;
      readonly threads: number;
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
function reasonOf(e: unknown, python: string, tree: PeerTree): string {
  const err = e as { code?: unknown; stderr?: string; killed?: boolean; signal?: string; message?: string };
  const module = PEERS[tree].module;
  if (err.code === "ENOENT") return `${python} with ${module} not found`;
  const stderr = (err.stderr ?? "").trim();
  const lastLine = stderr.split("\n").pop() ?? "";
  if (err.code === 3) return `${python} with ${module} not found (${lastLine})`;
  if (err.killed || err.signal) return `${python} was stopped (${err.signal ?? "timeout"})`;
  return lastLine || (err.message ?? String(e)).split("\n")[0];
}

/**
 * Finds a Python that imports `tree` (default cKDTree): `python` when given, else each of
 * {@link DEFAULT_PYTHONS} in turn. Never throws: when none does, the reason names what was tried
 * and the Debian package to install.
 */
export async function probeReference(python?: string, tree: PeerTree = "ckdtree"): Promise<ReferenceProbe> {
  const reasons: string[] = [];
  for (const exe of python ? [python] : DEFAULT_PYTHONS) {
    try {
      const { stdout } = await run(exe, [PEER_SCRIPT, "--tree", tree, "--versions"], { timeout: 60_000 });
      const v = JSON.parse(stdout) as Omit<ReferenceVersions, "executable">;
      return { available: true, versions: { ...v, executable: exe } };
    } catch (e) {
      reasons.push(reasonOf(e, exe, tree));
    }
  }
  return { available: false, reason: `${reasons.join("; ")}; to install it: ${installHint(tree)}` };
}

/** How to install a peer (the bench prints it when the peer is absent). */
export function installHint(tree: PeerTree): string {
  return `apt-get install ${PEERS[tree].debian} (Debian/Ubuntu)`;
}

/** Options of {@link runReference}. */
export interface ReferenceOptions {
  /** Python executable (default `python3`). */
  readonly python?: string;
  /** The peer (default cKDTree). */
  readonly tree?: PeerTree;
  /** Its threads (default 1): cKDTree's `workers`, pykdtree's OpenMP threads. */
  readonly threads?: number;
  /**
   * Milliseconds before the child is stopped; default 2 minutes plus 1 ms per query, over three
   * times what cKDTree needs on a megapixel photo of 3x3 patches on one free core.
   */
  readonly timeoutMs?: number;
}

/**
 * Runs a peer tree (default leaf size; cKDTree unless `tree` says otherwise, with `threads`
 * threads) on the same int32 rows as our search and
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
  const tree = options.tree ?? "ckdtree";
  const threads = options.threads ?? 1;
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
      [
        PEER_SCRIPT,
        "--tree",
        tree,
        "--threads",
        String(threads),
        paths.train,
        paths.queries,
        paths.out,
        String(k),
        String(dims),
      ],
      {
        timeout: Math.round(options.timeoutMs ?? 120_000 + n),
        maxBuffer: 1 << 20,
        env: { ...process.env, OMP_NUM_THREADS: String(threads) },
      },
    );
    const r = JSON.parse(stdout) as Omit<ReferenceVersions, "executable"> & {
      build: number;
      query: number;
      queries: number;
    };
    if (r.queries !== n)
      return { available: false, reason: `the reference read ${r.queries} queries, not ${n}` };
    const theirs = readRaw(paths.out, Float64Array);
    return {
      available: true,
      build: r.build,
      query: r.query,
      threads,
      versions: { tree, version: r.version, numpy: r.numpy, python: r.python, executable: python },
      queries: n,
      same: sameDistances(ours, theirs, k),
    };
  } catch (e) {
    return { available: false, reason: reasonOf(e, python, tree) };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
