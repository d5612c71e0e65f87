import { readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { imageKey } from "./plan.js";
import type { ImagePair } from "./schema.js";

function checkFile(path: string, shown: string): void {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new RangeError(`${shown}: no such file`);
  }
  if (!isFile) throw new RangeError(`${shown}: not a file (a pair names two photographs)`);
}

/** `REF=TARGET`: split at the first `=`; both sides must be non-empty. */
function splitPair(text: string, where: string): [string, string] {
  const eq = text.indexOf("=");
  const ref = eq > 0 ? text.slice(0, eq).trim() : "";
  const target = eq > 0 ? text.slice(eq + 1).trim() : "";
  if (!ref || !target)
    throw new RangeError(`${where}: a pair is REFERENCE=TARGET, got ${JSON.stringify(text)}`);
  return [ref, target];
}

/**
 * Reference -> target pairs from `REF=TARGET` arguments (relative to `cwd`) and from pairs files
 * (one `REF=TARGET` a line, relative to the file's folder; blank lines and `#` comments skipped),
 * as paths relative to `cwd`, in the order given. Refuses a missing photograph and two pairs whose
 * targets share a file name, since results are keyed by it.
 */
export function collectPairs(
  args: readonly string[],
  files: readonly string[] = [],
  cwd = process.cwd(),
): ImagePair[] {
  const raw: { ref: string; target: string; base: string }[] = [];
  for (const a of args) {
    const [ref, target] = splitPair(a, "--pairs");
    raw.push({ ref, target, base: cwd });
  }
  for (const f of files) {
    const path = resolve(cwd, f);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      throw new RangeError(`${f}: no such pairs file`);
    }
    text.split(/\r?\n/).forEach((line, i) => {
      const t = line.trim();
      if (!t || t.startsWith("#")) return;
      const [ref, target] = splitPair(t, `${f} line ${i + 1}`);
      raw.push({ ref, target, base: dirname(path) });
    });
  }
  if (raw.length === 0) throw new RangeError("no pair given");
  const rel = (p: string) => relative(cwd, p).split(sep).join("/") || p;
  const keys = new Map<string, string>();
  return raw.map(({ ref, target, base }) => {
    const r = resolve(base, ref);
    const t = resolve(base, target);
    checkFile(r, ref);
    checkFile(t, target);
    const key = imageKey(t);
    const prev = keys.get(key);
    if (prev !== undefined)
      throw new RangeError(
        `two pairs have targets named ${key} (${prev} and ${rel(t)}); results are keyed by it`,
      );
    keys.set(key, rel(t));
    return { reference: rel(r), target: rel(t) };
  });
}
