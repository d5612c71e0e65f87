import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { driveFuzz } from "./drive.js";
import { MUTATIONS } from "./mutate.js";
import { caseReport, checkCase, fuzzCase, fuzzMaterial } from "./run.js";

const MAIN = fileURLToPath(new URL("../../dist/fuzz/main.js", import.meta.url));
/** The bounded run CI does on every push; `pnpm fuzz -- --cases 100000 --seed N` runs longer. */
const CI_CASES = 3000;
/** Peak resident memory of the whole fuzz process; the largest legitimate decode here is a few MB. */
const MAX_RSS_MIB = 512;

describe("the mutation fuzzer over PNG and JPEG bytes", () => {
  it(`${CI_CASES} seeded cases each end in a decoded image or a one-line refusal, in bounded memory`, () => {
    expect(existsSync(MAIN), "the fuzzer is built (pnpm build)").toBe(true);
    const r = spawnSync(
      process.execPath,
      [MAIN, "--cases", String(CI_CASES), "--seed", "1", "--json", "--max-rss-mib", String(MAX_RSS_MIB)],
      { encoding: "utf8", timeout: 280_000 },
    );
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report.failures).toEqual([]);
    expect(r.status).toBe(0);
    expect(report.cases).toBe(CI_CASES);
    expect(report.peakRssMiB).toBeLessThanOrEqual(MAX_RSS_MIB);
    // Not a fuzzer that only ever hits the signature check: every mutation runs, some cases still
    // decode, and refusals come from every stage of decoding.
    for (const m of MUTATIONS) expect(report.byMutation[m.name]?.cases ?? 0, m.name).toBeGreaterThan(30);
    expect(report.decoded).toBeGreaterThan(CI_CASES * 0.05);
    for (const code of ["not-image", "truncated", "corrupt", "unsupported", "too-large", "too-small"]) {
      expect(report.refused[code] ?? 0, code).toBeGreaterThan(10);
    }
    // About 10 s on a quiet 2-core machine; the room is for a loaded one.
  }, 300_000);

  it("makes the same case from the same seed and index, whatever ran before", () => {
    const material = fuzzMaterial();
    const a = fuzzCase(5, 123, material);
    fuzzCase(5, 7, material);
    const b = fuzzCase(5, 123, material);
    expect(b.mutations).toEqual(a.mutations);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(fuzzCase(6, 123, material).bytes).not.toEqual(a.bytes);
  });

  it("counts anything but an image or an ImageError as a failure", () => {
    expect(checkCase(Uint8Array.of(1, 2, 3))).toMatchObject({ kind: "refused", code: "not-image" });
    const c = { index: 4, seed: "x.png", mutations: ["truncate"], bytes: new Uint8Array(0) };
    const failed = caseReport(1, c, { kind: "failed", message: "TypeError: boom" }, 3);
    expect(failed.failures).toEqual([
      { index: 4, seed: "x.png", mutations: ["truncate"], message: "TypeError: boom" },
    ]);
  });

  it("the driver's watchdog reports a case that hangs and still runs every other case", async () => {
    // A stand-in worker that spins forever on case 3 and counts every other case as decoded.
    const dir = mkdtempSync(join(tmpdir(), "colorize-fuzz-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "hang-worker.mjs");
    writeFileSync(
      file,
      `import { parentPort, workerData } from "node:worker_threads";
const cell = new Int32Array(workerData.progress);
const report = { seed: workerData.seed, cases: 0, decoded: 0, refused: {}, byMutation: {}, failures: [], slowest: { index: -1, ms: 0 } };
for (let i = workerData.from; i < workerData.to; i++) {
  Atomics.store(cell, 0, i);
  if (i === 3) for (;;) {}
  report.cases++;
  report.decoded++;
}
parentPort.postMessage(report);
`,
    );
    const report = await driveFuzz({
      seed: 1,
      from: 0,
      to: 8,
      maxPixels: 1e6,
      caseTimeoutMs: 500,
      workerFile: pathToFileURL(file),
    });
    expect(report.failures.map((f) => [f.index, f.message])).toEqual([
      [3, "no result after 500 ms (a hang)"],
    ]);
    expect(report.cases).toBe(8);
    expect(report.decoded).toBe(7);
  });
});
