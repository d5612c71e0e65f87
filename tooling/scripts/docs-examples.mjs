#!/usr/bin/env node
// Keeps the code examples of docs/plugins.md equal to the files they show. Each example is a fenced
// block right after a line `<!-- example: SOURCE -->`, SOURCE being a file of the repository
// (`packages/plugin-logreg/src/plugin.ts`) or a file of the scaffold's output
// (`scaffold model my-model src/objective.ts`: what `pnpm new:plugin my-model --kind model` writes).
// usage: node tooling/scripts/docs-examples.mjs [--write]   (without --write: exit 1 if any is stale)
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { scaffoldFiles } from "./scaffold.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The documents whose examples are kept. */
export const DOCS = ["docs/plugins.md"];

const MARKER = /^<!-- example: (.+?) -->$/;

/** The text of an example's source. Throws for a source that does not exist. */
export function sourceText(source) {
  const words = source.split(" ");
  if (words[0] === "scaffold") {
    const [, kind, name, path] = words;
    const text = scaffoldFiles(kind, name)[path];
    if (text === undefined) throw new Error(`the ${kind} scaffold writes no ${path}`);
    return text;
  }
  return readFileSync(join(root, source), "utf8");
}

/**
 * The markdown with every marked example replaced by its source, and the sources whose example
 * differed. Throws for a marker without a fenced block after it, and for a ```ts block without a
 * marker (a hand-kept copy is what drifts).
 */
export function renderExamples(markdown) {
  const lines = markdown.split("\n");
  const out = [];
  const stale = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]);
    if (!m) {
      if (lines[i] === "```ts")
        throw new Error(`line ${i + 1}: a ts example without an <!-- example: ... --> marker`);
      out.push(lines[i]);
      continue;
    }
    const fence = lines[i + 1] ?? "";
    const end = lines.indexOf("```", i + 2);
    if (!/^```[a-z]+$/.test(fence) || end < 0)
      throw new Error(`line ${i + 1}: no fenced block after the marker`);
    const body = sourceText(m[1]).replace(/\n$/, "");
    if (lines.slice(i + 2, end).join("\n") !== body) stale.push(m[1]);
    out.push(lines[i], fence, body, "```");
    i = end;
  }
  return { text: out.join("\n"), stale };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes("--write");
  let bad = 0;
  for (const doc of DOCS) {
    const path = join(root, doc);
    const { text, stale } = renderExamples(readFileSync(path, "utf8"));
    if (stale.length === 0) continue;
    if (write) {
      writeFileSync(`${path}.tmp`, text);
      renameSync(`${path}.tmp`, path);
      process.stdout.write(`${doc}: rewrote ${stale.join(", ")}\n`);
    } else {
      process.stderr.write(`docs-examples: ${doc} is stale (${stale.join(", ")}); run with --write\n`);
      bad++;
    }
  }
  process.exit(bad ? 1 : 0);
}
