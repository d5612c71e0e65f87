#!/usr/bin/env node
// Sets a `colorize eval` results.json beside reference rows of an independent run (the JSON files that
// tooling/scripts/reference-rows.py writes, one NAME.json per photograph, with `rows.NAME.deltaE2000`,
// `best_row` and `best_deltaE2000`), and prints, per seed: on how many photographs the best agent is
// below the best reference row, each agent's mean ΔE2000, how far the best agent's mean is below
// MLPRegressor's, and every photograph where the best agent is not below the best row.
// Usage: node tooling/scripts/compare-reference.mjs RESULTS.json REFERENCE_DIR [--json]
import { existsSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The photograph's name as the reference files use it: the file name without its extension. */
export function photoName(image) {
  const path = typeof image === "string" ? image : image.path;
  return basename(path, extname(path));
}

/**
 * Compares the units of `results` (a parsed results.json) with `reference` (photo name -> parsed
 * reference JSON). Units whose photograph has no reference are listed in `unmatched`.
 */
export function compare(results, reference) {
  const bySeed = new Map();
  const unmatched = new Set();
  for (const unit of results.units) {
    const name = photoName(unit.image);
    const ref = reference[name];
    const scored = unit.agents.filter((a) => Number.isFinite(a.metrics?.deltaE2000));
    if (!ref || scored.length === 0) {
      unmatched.add(name);
      continue;
    }
    if (!bySeed.has(unit.seed)) bySeed.set(unit.seed, []);
    const best = scored.reduce((a, b) => (b.metrics.deltaE2000 < a.metrics.deltaE2000 ? b : a));
    bySeed.get(unit.seed).push({
      photo: name,
      agents: Object.fromEntries(scored.map((a) => [a.name, a.metrics.deltaE2000])),
      bestAgent: best.name,
      best: best.metrics.deltaE2000,
      bestRow: ref.best_row,
      bestRowDeltaE: ref.best_deltaE2000,
      mlpReg: ref.rows.mlp_reg?.deltaE2000,
    });
  }
  const seeds = [...bySeed.keys()]
    .sort((a, b) => a - b)
    .map((seed) => {
      const photos = bySeed.get(seed).sort((a, b) => a.photo.localeCompare(b.photo));
      const n = photos.length;
      const mean = (f) => photos.reduce((s, p) => s + f(p), 0) / n;
      const agentNames = [...new Set(photos.flatMap((p) => Object.keys(p.agents)))].sort();
      const agentMeans = Object.fromEntries(
        agentNames
          .filter((a) => photos.every((p) => a in p.agents))
          .map((a) => [a, mean((p) => p.agents[a])]),
      );
      const bestMean = mean((p) => p.best);
      const mlpRegMean = photos.every((p) => Number.isFinite(p.mlpReg)) ? mean((p) => p.mlpReg) : Number.NaN;
      return {
        seed,
        photos: n,
        belowBestRow: photos.filter((p) => p.best < p.bestRowDeltaE).length,
        bestMean,
        mlpRegMean,
        belowMlpRegPercent: (100 * (mlpRegMean - bestMean)) / mlpRegMean,
        agentMeans,
        losses: photos
          .filter((p) => !(p.best < p.bestRowDeltaE))
          .map((p) => ({
            photo: p.photo,
            agent: p.bestAgent,
            best: p.best,
            row: p.bestRow,
            rowDeltaE: p.bestRowDeltaE,
          })),
      };
    });
  return { seeds, unmatched: [...unmatched].sort() };
}

/** Reads every reference file a results document needs from `dir` (NAME.json). */
export function readReference(dir, results) {
  const reference = {};
  for (const unit of results.units) {
    const name = photoName(unit.image);
    const file = join(dir, `${name}.json`);
    if (!(name in reference) && existsSync(file)) reference[name] = JSON.parse(readFileSync(file, "utf8"));
  }
  return reference;
}

/** The comparison as Markdown lines. */
export function format(report) {
  const lines = [
    "| seed | best agent below the best reference row | best agent's mean | MLPRegressor's mean | below MLPRegressor | agents' means |",
    "| ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const s of report.seeds) {
    const agents = Object.entries(s.agentMeans)
      .map(([a, m]) => `${a} ${m.toFixed(3)}`)
      .join(", ");
    lines.push(
      `| ${s.seed} | ${s.belowBestRow} of ${s.photos} | ${s.bestMean.toFixed(3)} | ${s.mlpRegMean.toFixed(3)} | ${s.belowMlpRegPercent.toFixed(2)} % | ${agents} |`,
    );
  }
  for (const s of report.seeds) {
    for (const l of s.losses) {
      lines.push(
        `- seed ${s.seed}, ${l.photo}: ${l.agent} ${l.best.toFixed(3)} against ${l.row} ${l.rowDeltaE.toFixed(3)}`,
      );
    }
  }
  if (report.unmatched.length > 0) lines.push(`- no reference rows for: ${report.unmatched.join(", ")}`);
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2).filter((a) => a !== "--json");
  if (args.length !== 2) {
    process.stderr.write("usage: compare-reference.mjs RESULTS.json REFERENCE_DIR [--json]\n");
    process.exit(2);
  }
  try {
    const results = JSON.parse(readFileSync(args[0], "utf8"));
    if (!Array.isArray(results.units)) throw new Error(`${args[0]} is not a colorize eval results.json`);
    const report = compare(results, readReference(args[1], results));
    if (report.seeds.length === 0)
      throw new Error(`no photograph of ${args[0]} has reference rows in ${args[1]}`);
    process.stdout.write(
      process.argv.includes("--json")
        ? `${JSON.stringify(report, null, 2)}\n`
        : `${format(report).join("\n")}\n`,
    );
  } catch (e) {
    process.stderr.write(`compare-reference: ${e.message}\n`);
    process.exit(1);
  }
}
