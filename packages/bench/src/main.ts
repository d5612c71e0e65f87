#!/usr/bin/env node
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parallelCapacity } from "./capacity.js";
import type { SectionResult } from "./harness.js";
import { sections } from "./sections/index.js";
import { type IndependentRequest, photoRun } from "./sections/knn.js";

const USAGE = `usage: bench [--only ${sections.map((s) => s.name).join("|")}[,...]] [--quick] [--json] [--images DIR] [--independent] [--python EXE]`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const args = {
    only: undefined as string[] | undefined,
    quick: false,
    json: false,
    images: "",
    childPhoto: "",
    reference: false,
    independent: false,
    childIndependent: "",
    python: undefined as string | undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") args.quick = true;
    else if (a === "--json") args.json = true;
    else if (a === "--reference") args.reference = true;
    else if (a === "--independent") args.independent = true;
    else if (a === "--python") args.python = argv[++i] ?? fail("--python needs an executable");
    else if (a === "--child-independent")
      args.childIndependent = argv[++i] ?? fail("--child-independent needs a request");
    else if (a === "--only") args.only = (argv[++i] ?? fail("--only needs a section name")).split(",");
    else if (a === "--images") args.images = argv[++i] ?? fail("--images needs a folder");
    else if (a === "--child-photo") args.childPhoto = argv[++i] ?? fail("--child-photo needs a path");
    else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n${sections.map((s) => `  ${s.name}: ${s.description}`).join("\n")}\n`);
      return;
    } else fail(`unknown argument ${a}`);
  }
  if (args.childPhoto) {
    const independent = args.childIndependent
      ? (JSON.parse(args.childIndependent) as IndependentRequest)
      : undefined;
    process.stdout.write(JSON.stringify(await photoRun(args.childPhoto, args.reference, independent)));
    return;
  }
  const unknown = args.only?.filter((n) => !sections.some((s) => s.name === n));
  if (unknown?.length) fail(`unknown section ${unknown.join(", ")}`);
  const chosen = sections.filter((s) => !args.only || args.only.includes(s.name));
  // The sample photographs sit in ../shared/images relative to the repository root.
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const images = args.images || join(root, "..", "shared", "images");
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const started = new Date();
  const loadBefore = loadavg()[0];
  const cores = availableParallelism();
  const capacityBefore = await parallelCapacity(cores);
  const results: SectionResult[] = [];
  const options = { quick: args.quick, images, log, independentAll: args.independent, python: args.python };
  for (const section of chosen) results.push(await section.run(options));
  const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`;
  // Other work on the machine slows wall-clock figures; the load average says how much there was.
  const capacityAfter = await parallelCapacity(cores);
  const load =
    `load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end; ` +
    `${cores} threads ran a trivially parallel loop ${capacityBefore.toFixed(2)}x (start) and ` +
    `${capacityAfter.toFixed(2)}x (end) as fast as one thread (${cores}x when the cores are free)`;
  if (args.json) {
    const doc = {
      date: started.toISOString(),
      machine,
      load,
      quick: args.quick,
      sections: Object.fromEntries(results.map((r) => [r.name, r.data])),
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `# colorize bench${args.quick ? " (quick)" : ""}\n\n${started.toISOString().slice(0, 10)}, ${machine}; ${load}\n\n`,
  );
  for (const r of results) process.stdout.write(`## ${r.name}\n\n${r.text}\n\n`);
}

main(process.argv.slice(2)).catch((e: Error) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
