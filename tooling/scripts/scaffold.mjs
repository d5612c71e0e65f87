// The files `pnpm new:plugin` writes, rendered from templates/: package/ (what every plugin package
// has) and the kind's own folder (agent/ or model/). Placeholders: __name__ (the short name, e.g.
// gray-lookup) and __camel__ (its camelCase form, e.g. grayLookup).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The kinds of plugin the scaffold writes. */
export const KINDS = ["agent", "model"];

const templates = join(dirname(fileURLToPath(import.meta.url)), "templates");

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** camelCase of a dashed name: gray-lookup -> grayLookup. */
export function camelOf(short) {
  return short.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/**
 * The scaffold of a plugin of `kind` named `short`, as { relative path: text }, paths sorted.
 * @param {"agent" | "model"} kind
 * @param {string} short
 */
export function scaffoldFiles(kind, short) {
  if (!KINDS.includes(kind)) throw new Error(`unknown kind ${kind}`);
  const out = {};
  for (const root of [join(templates, "package"), join(templates, kind)]) {
    for (const file of walk(root)) {
      const text = readFileSync(file, "utf8");
      out[relative(root, file)] = text.replaceAll("__name__", short).replaceAll("__camel__", camelOf(short));
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}
