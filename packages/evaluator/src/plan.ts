import { readdirSync, statSync } from "node:fs";
import { basename, extname, join, relative, resolve, sep } from "node:path";
import type { EvalPlan, SweepSpec } from "./schema.js";

/** One unit of work: an image with a seed. */
export interface Unit {
  readonly unit: number;
  readonly image: string;
  readonly seed: number;
  /** Whether this is the image's first seed, whose outputs the report shows. */
  readonly primary: boolean;
  /** In a pairs evaluation: the photograph the agents train on; `image` is the target. */
  readonly reference?: string;
}

/** The units of a plan, image-major: (image 0, seed 0), (image 0, seed 1), ... */
export function planUnits(plan: Pick<EvalPlan, "images" | "seeds" | "pairs">): Unit[] {
  const out: Unit[] = [];
  plan.images.forEach((image, p) => {
    const reference = plan.pairs?.[p]?.reference;
    plan.seeds.forEach((seed, i) => {
      out.push({ unit: out.length, image, seed, primary: i === 0, ...(reference ? { reference } : {}) });
    });
  });
  return out;
}

/** A shard `index` of `count` (1-based): the units whose position modulo count is index - 1. */
export function shardUnits(units: readonly Unit[], shard: { index: number; count: number } | null): Unit[] {
  if (!shard) return [...units];
  return units.filter((u) => u.unit % shard.count === shard.index - 1);
}

/** `--shard I/N` with 1 <= I <= N. */
export function parseShard(raw: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new RangeError(`--shard takes I/N with 1 <= I <= N, got ${JSON.stringify(raw)}`);
  }
  return { index, count };
}

/** Integers from `A..B` (inclusive) or a comma list, sorted and without repeats. */
export function parseIntList(name: string, raw: string, min: number, max: number): number[] {
  const out = new Set<number>();
  for (const part of raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(part);
    const [a, b] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    if (
      !/^-?\d+$/.test(range ? range[1] : part) ||
      !Number.isSafeInteger(a) ||
      !Number.isSafeInteger(b) ||
      a > b
    ) {
      throw new RangeError(`${name} takes integers like 0,1,2 or 2..16, got ${JSON.stringify(raw)}`);
    }
    for (let v = a; v <= b; v++) {
      if (v < min || v > max) throw new RangeError(`${name} values must be from ${min} to ${max}, got ${v}`);
      out.add(v);
    }
  }
  if (out.size === 0) throw new RangeError(`${name} needs at least one value`);
  return [...out].sort((x, y) => x - y);
}

/** `--sweep AGENT.PARAM=v1,v2,...`: numbers stay numbers, true/false booleans, the rest strings. */
export function parseSweep(raw: string): SweepSpec {
  const m = /^([^.=\s]+)\.([^=\s]+)=(.+)$/.exec(raw.trim());
  if (!m) throw new RangeError(`--sweep takes AGENT.PARAM=v1,v2,..., got ${JSON.stringify(raw)}`);
  const values = m[3]
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) =>
      s === "true" ? true : s === "false" ? false : s !== "" && Number.isFinite(Number(s)) ? Number(s) : s,
    );
  if (values.length === 0) throw new RangeError(`--sweep ${m[1]}.${m[2]} needs at least one value`);
  return { agent: m[1], param: m[2], values };
}

const IMAGE_EXT = new Set([".png", ".jpg", ".jpeg"]);

/**
 * Expands image and folder arguments into image paths relative to `cwd` (folders: their PNG and
 * JPEG files, sorted; not recursive). Refuses a missing path, an empty result and two images
 * with the same file name, since results are keyed by it.
 */
export function collectImages(args: readonly string[], cwd = process.cwd()): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      throw new RangeError(`${arg}: no such file or folder`);
    }
    if (st.isDirectory()) {
      const files = readdirSync(abs)
        .filter((f) => IMAGE_EXT.has(extname(f).toLowerCase()))
        .sort();
      if (files.length === 0) throw new RangeError(`${arg}: the folder holds no PNG or JPEG image`);
      for (const f of files) out.push(join(abs, f));
    } else out.push(abs);
  }
  if (out.length === 0) throw new RangeError("no image given");
  const names = new Map<string, string>();
  for (const p of out) {
    const name = basename(p);
    const prev = names.get(name);
    if (prev && prev !== p) throw new RangeError(`two images are named ${name}: ${prev} and ${p}`);
    names.set(name, p);
  }
  return [...names.values()].map((p) => relative(cwd, p).split(sep).join("/") || p);
}

/** The key of an image in results and file names: its file name. */
export function imageKey(path: string): string {
  return basename(path);
}

/** A file-name-safe slug of an image key or agent name. */
export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
