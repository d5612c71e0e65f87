import { existsSync } from "node:fs";
import { join, parse, relative, resolve } from "node:path";
import { UsageError } from "./errors.js";
import { defaultOutputPath } from "./io.js";

/** Where `colorize run` writes, and what to say about the choice on stderr. */
export interface OutputTarget {
  readonly path: string;
  /** Said on stderr when the default name was taken and a numbered one is used instead. */
  readonly note?: string;
}

/** How many numbered names are tried before giving up (a folder with that many runs is a mistake). */
const MAX_NUMBERED = 9999;

/**
 * The output path of `colorize run`, chosen before any work. An explicit `--out` is used as given
 * and refused when it exists, unless `force`. The default, `NAME.colorized.png` beside the input,
 * never collides: when it exists (and `force` is not given) the first free `NAME.colorized-2.png`,
 * `-3`, ... is used, so repeating a command never fails and never overwrites a result. The input is
 * never an output.
 */
export function outputTarget(inputPath: string, out: string | undefined, force: boolean): OutputTarget {
  const input = resolve(inputPath);
  if (out !== undefined) {
    const path = resolve(out);
    if (path === input)
      throw new UsageError(`the output path is the input image ${out}; choose another with --out`);
    if (!force && existsSync(path))
      throw new UsageError(`${path} exists; choose another --out or pass --force to overwrite it`);
    return { path };
  }
  const first = defaultOutputPath(input);
  if (force || !existsSync(first)) return { path: first };
  const p = parse(first);
  for (let n = 2; n <= MAX_NUMBERED; n++) {
    const path = join(p.dir, `${p.name}-${n}${p.ext}`);
    if (!existsSync(path)) {
      const shown = (f: string) => relative(process.cwd(), f) || f;
      return {
        path,
        note: `${shown(first)} exists; writing ${shown(path)} (--out chooses the name, --force overwrites)`,
      };
    }
  }
  throw new UsageError(
    `${first} and ${MAX_NUMBERED - 1} numbered copies exist; choose another --out or pass --force`,
  );
}
