#!/usr/bin/env node
// The fuzzer's command line: `node dist/fuzz/main.js --cases 100000 --seed 7` from packages/image-io
// (`pnpm fuzz -- ...` there). One case alone: `--case 123 --write case.bin`.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_MAX_PIXELS } from "../limits.js";
import { driveFuzz } from "./drive.js";
import { checkCase, fuzzCase, fuzzMaterial } from "./run.js";

function int(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isSafeInteger(v) || v < min) {
    process.stderr.write(`fuzz: --${name} takes an integer >= ${min}, got ${raw}\n`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: "string" },
      from: { type: "string" },
      seed: { type: "string" },
      case: { type: "string" },
      write: { type: "string" },
      json: { type: "boolean", default: false },
      "case-timeout-ms": { type: "string" },
      "max-megapixels": { type: "string" },
      "max-rss-mib": { type: "string" },
    },
  });
  const seed = int("seed", values.seed, 1, 0);
  const maxPixels = int("max-megapixels", values["max-megapixels"], DEFAULT_MAX_PIXELS / 1e6, 1) * 1e6;
  if (values.case !== undefined) {
    const c = fuzzCase(seed, int("case", values.case, 0, 0), fuzzMaterial());
    if (values.write) writeFileSync(values.write, c.bytes);
    const outcome = checkCase(c.bytes, maxPixels);
    process.stdout.write(`${JSON.stringify({ ...c, bytes: c.bytes.length, outcome })}\n`);
    return outcome.kind === "failed" ? 1 : 0;
  }
  const from = int("from", values.from, 0, 0);
  const to = from + int("cases", values.cases, 2000, 1);
  const step = Math.max(1, Math.round((to - from) / 10));
  const report = await driveFuzz({
    seed,
    from,
    to,
    maxPixels,
    caseTimeoutMs: int("case-timeout-ms", values["case-timeout-ms"], 10_000, 1),
    onProgress: values.json
      ? undefined
      : (i) => {
          if ((i - from) % step === 0) process.stderr.write(`fuzz: case ${i} of ${from}..${to - 1}\n`);
        },
  });
  const rssLimit = int("max-rss-mib", values["max-rss-mib"], Number.MAX_SAFE_INTEGER, 1);
  const overMemory = report.peakRssMiB > rssLimit;
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const refused = Object.entries(report.refused)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(", ");
    process.stdout.write(
      `fuzz: seed ${seed}, cases ${from}..${to - 1}: ${report.decoded} decoded, ` +
        `${report.cases - report.decoded - report.failures.length} refused (${refused}), ` +
        `${report.failures.length} failed; slowest case ${report.slowest.index} ` +
        `(${report.slowest.ms.toFixed(0)} ms); peak RSS ${report.peakRssMiB} MiB\n`,
    );
    for (const f of report.failures) {
      process.stdout.write(
        `fuzz: case ${f.index} (${f.seed}, ${f.mutations.join(" + ")}): ${f.message}; ` +
          `again with --seed ${seed} --case ${f.index} --write case.bin\n`,
      );
    }
    if (overMemory)
      process.stdout.write(`fuzz: peak RSS ${report.peakRssMiB} MiB is above --max-rss-mib ${rssLimit}\n`);
  }
  return report.failures.length > 0 || overMemory ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fuzz: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
