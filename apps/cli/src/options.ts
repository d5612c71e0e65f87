import { readFileSync } from "node:fs";
import { type Palette, paletteFromArray } from "@colorize/core";
import { UsageError } from "./errors.js";

/** Parses an integer option, refusing anything else with a one-line message. */
export function intOption(name: string, raw: string, min: number, max: number): number {
  const v = Number(raw);
  if (!/^[-+]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

/** Parses a positive number option. */
export function numberOption(name: string, raw: string, min: number): number {
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v) || v < min) {
    throw new UsageError(`${name} must be a number >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

/** `--palette FILE|JSON`: a JSON array of [r, g, b] integer triples, inline or in a file. */
export function paletteOption(raw: string): Palette {
  let text = raw.trim();
  if (!text.startsWith("[")) {
    try {
      text = readFileSync(raw, "utf8");
    } catch {
      throw new UsageError(`--palette: ${raw} is neither a JSON array nor a readable file`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError("--palette: not valid JSON; expected an array like [[255,0,0],[0,0,255]]");
  }
  try {
    return paletteFromArray(parsed as number[][]);
  } catch (e) {
    throw new UsageError(`--palette: ${(e as Error).message}`);
  }
}

/**
 * `--param NAME=VALUE` (repeatable). With several agents a parameter is addressed as
 * `AGENT.NAME=VALUE`; a bare NAME applies to every agent that has it.
 */
export function paramOptions(raw: readonly string[]): { agent?: string; name: string; value: string }[] {
  return raw.map((item) => {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`--param takes NAME=VALUE, got ${JSON.stringify(item)}`);
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    const dot = key.lastIndexOf(".");
    return dot > 0 ? { agent: key.slice(0, dot), name: key.slice(dot + 1), value } : { name: key, value };
  });
}

/** `--max-megapixels N` as a pixel count. */
export function maxPixelsOption(raw: unknown): number {
  return Math.floor(numberOption("--max-megapixels", String(raw), 0.000001) * 1e6);
}

/** The options `run` and `train` share: palette size, seed, a fixed palette, the strip and the size limit. */
export function taskOptions(o: Record<string, unknown>): {
  k: number;
  seed: number;
  palette?: Palette;
  validationColumns?: number;
  maxPixels: number;
} {
  return {
    k: intOption("--k", String(o.k), 1, 255),
    seed: intOption("--seed", String(o.seed), -(2 ** 31), 2 ** 31 - 1),
    palette: o.palette === undefined ? undefined : paletteOption(String(o.palette)),
    validationColumns:
      o.validationColumns === undefined
        ? undefined
        : intOption("--validation-columns", String(o.validationColumns), 0, 1e6),
    maxPixels: maxPixelsOption(o.maxMegapixels),
  };
}
