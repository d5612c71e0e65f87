#!/usr/bin/env node
// Scaffolds packages/plugin-NAME: a complete, working plugin that passes core's conformance kit (and,
// for a model plugin, its gradient check).
// usage: pnpm new:plugin NAME [--kind agent|model] [--packages DIR]
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KINDS, scaffoldFiles } from "./scaffold.mjs";

const USAGE =
  "usage: pnpm new:plugin NAME [--kind agent|model] [--packages DIR]  (NAME: lower-case letters, digits and dashes, e.g. gray-lookup)";
const NAME_RE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function fail(message, code = 2) {
  process.stderr.write(`new-plugin: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  let name;
  let kind = "agent";
  let packages = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "packages");
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--packages") {
      if (!argv[i + 1]) fail("--packages needs a folder");
      packages = resolve(argv[++i]);
    } else if (a === "--kind") {
      kind = argv[++i];
      if (!KINDS.includes(kind)) fail(`--kind must be ${KINDS.join(" or ")}; ${USAGE}`);
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith("-")) fail(`unknown option ${a}; ${USAGE}`);
    else if (name === undefined) name = a;
    else fail(`one name only; ${USAGE}`);
  }
  if (name === undefined) fail(USAGE);
  const short = name.replace(/^plugin-/, "");
  if (!NAME_RE.test(short) || short.length > 40) {
    fail(
      `"${name}" is not a plugin name: use lower-case letters, digits and single dashes, starting with a letter`,
    );
  }
  return { short, kind, packages };
}

const { short, kind, packages } = parseArgs(process.argv.slice(2));
const dir = join(packages, `plugin-${short}`);
if (!existsSync(packages)) fail(`no packages folder at ${packages}`);
if (existsSync(dir)) fail(`packages/plugin-${short} already exists; choose another name`, 1);
for (const [rel, text] of Object.entries(scaffoldFiles(kind, short))) {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
process.stdout.write(
  `created ${dir} (${kind} plugin)\nnext: pnpm install && pnpm --filter @colorize/plugin-${short} test (then pnpm build to use it from colorize)\n`,
);
