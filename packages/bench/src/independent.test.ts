import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng } from "@colorize/core";
import { bruteForceKnn } from "@colorize/plugin-knn";
import { afterAll, describe, expect, it } from "vitest";
import { probeReference, readRaw, runReference, sameDistances, writeRaw } from "./independent.js";

const dir = mkdtempSync(join(tmpdir(), "colorize-bench-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `rows x 9` gray x 100 values (0..25500), seeded. */
function patches(rows: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out = new Int32Array(rows * 9);
  for (let i = 0; i < out.length; i++) out[i] = rng.int(25501);
  return out;
}

describe("raw files for the independent reference", () => {
  it("round-trips int32 and float64 arrays, including views at an offset", () => {
    const ints = Int32Array.from([0, -1, 2147483647, -2147483648, 25500, 7]);
    writeRaw(join(dir, "a.i32"), ints.subarray(1, 5));
    expect(Array.from(readRaw(join(dir, "a.i32"), Int32Array))).toEqual([-1, 2147483647, -2147483648, 25500]);
    const floats = Float64Array.from([0.5, 5852250000, -0, Number.MAX_VALUE]);
    writeRaw(join(dir, "b.f64"), floats);
    expect(Array.from(readRaw(join(dir, "b.f64"), Float64Array))).toEqual(Array.from(floats));
  });

  it("refuses a file that is not whole values", () => {
    writeRaw(join(dir, "c.i32"), Int32Array.from([1, 2, 3]));
    expect(() => readRaw(join(dir, "c.i32"), Float64Array)).toThrow(/not whole 8-byte values/);
  });
});

describe("comparing neighbour distances", () => {
  const k = 3;
  it("counts a query as the same when its distances agree in any order", () => {
    const ours = Float64Array.from([1, 2, 2, 0, 5, 9]);
    const theirs = Float64Array.from([2, 1, 2, 0, 5, 9]);
    expect(sameDistances(ours, theirs, k)).toBe(2);
  });

  it("reports a query whose distances differ, even in one neighbour", () => {
    const ours = Float64Array.from([1, 2, 2, 0, 5, 9, 4, 4, 4]);
    const theirs = Float64Array.from([1, 2, 3, 0, 5, 9, 4, 4, 4]);
    expect(sameDistances(ours, theirs, k)).toBe(2);
  });

  it("agrees with nothing when the shapes differ", () => {
    expect(sameDistances(Float64Array.from([1, 2, 3]), Float64Array.from([1, 2, 3, 4, 5, 6]), k)).toBe(0);
  });
});

describe("when the reference cannot run", () => {
  const missing = join(dir, "no-such-python3");

  it("says Python with scipy was not found instead of failing", async () => {
    expect(await probeReference(missing)).toEqual({
      available: false,
      reason: `${missing} with scipy not found; to install it: apt-get install python3-scipy (Debian/Ubuntu)`,
    });
    const train = patches(10, 1);
    const r = await runReference(train, patches(2, 2), 9, 6, new Float64Array(12), { python: missing });
    expect(r).toEqual({ available: false, reason: `${missing} with scipy not found` });
  });

  /** A stand-in executable that prints `message` on stderr and exits with `status`. */
  function fakePython(name: string, message: string, status: number): string {
    const path = join(dir, name);
    // Shell builtins only, single-quoted (a quote inside becomes '\''), so no PATH is needed.
    const quoted = ["Traceback (most recent call last):", message].map(
      (l) => `'${l.replaceAll("'", "'\\''")}'`,
    );
    writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' ${quoted.join(" ")} >&2\nexit ${status}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  it("says scipy is missing when the script reports an import failure", async () => {
    const python = fakePython("no-scipy", "ModuleNotFoundError: No module named 'scipy'", 3);
    expect(await probeReference(python)).toEqual({
      available: false,
      reason: `${python} with scipy not found (ModuleNotFoundError: No module named 'scipy'); to install it: apt-get install python3-scipy (Debian/Ubuntu)`,
    });
  });

  it("turns any other failure into the last line of its error output", async () => {
    const python = fakePython("broken", "MemoryError: out of memory", 1);
    const r = await runReference(patches(10, 1), patches(2, 2), 9, 6, new Float64Array(12), { python });
    expect(r).toEqual({ available: false, reason: "MemoryError: out of memory" });
  });
});

for (const tree of ["ckdtree", "pykdtree"] as const) {
  const probe = await probeReference(undefined, tree);
  const skipReason = probe.available ? "" : ` (skipped: ${probe.reason})`;
  const python = probe.available ? probe.versions.executable : "python3";

  describe(`${tree} as a peer, on two threads`, () => {
    it.skipIf(!probe.available)(
      `finds the same neighbour distances as brute force${skipReason}`,
      async () => {
        const train = patches(200, 3);
        // A few queries copied from training rows, so some distances are 0 and ties are likely.
        const queries = patches(50, 4);
        for (let q = 0; q < 5; q++) queries.set(train.subarray(q * 9, q * 9 + 9), q * 9 * 7);
        const ours = bruteForceKnn(train, queries, 9, 6);
        const r = await runReference(train, queries, 9, 6, ours.dist2, { python, tree, threads: 2 });
        expect(r).toMatchObject({ available: true, queries: 50, same: 50, threads: 2, versions: { tree } });
        const wrong = ours.dist2.slice();
        wrong[6 * 17 + 5] += 1;
        const r2 = await runReference(train, queries, 9, 6, wrong, { python, tree, threads: 2 });
        expect(r2).toMatchObject({ available: true, same: 49 });
        // Two Python starts that import the tree: seconds alone, far more on a machine shared with other jobs.
      },
      180_000,
    );
  });
}
