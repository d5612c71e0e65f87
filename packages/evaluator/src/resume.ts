import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "@colorize/image-io";
import type { UnitOutcome } from "./evaluate-unit.js";
import type { Unit } from "./plan.js";
import type { EvalPlan, UnitResult } from "./schema.js";

/** The folder, under an evaluation's output folder, that holds the units finished so far. */
export const UNITS_DIR = "units";

/** Version of a unit file's layout. */
const UNIT_SCHEMA = "colorize-eval-unit/1";

/** A finished unit on disk: its result, the plan it belongs to, and the image grids it wrote. */
interface UnitFile {
  readonly schema: typeof UNIT_SCHEMA;
  readonly plan: string;
  readonly result: UnitResult;
  readonly artifacts: readonly string[];
}

/** A fingerprint of a plan: units of another plan (other images, seeds, agents, options or plugin versions) are never reused. */
export function planFingerprint(plan: EvalPlan): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("hex");
}

function unitPath(outDir: string, unit: number): string {
  return join(outDir, UNITS_DIR, `unit-${String(unit).padStart(5, "0")}.json`);
}

/** JSON keeps no Infinity or NaN (a perfect prediction's PSNR): they are tagged so that they come back. */
function encode(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? { nonFinite: String(value) } : value;
}

function decode(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && Object.keys(value).length === 1 && "nonFinite" in value)
    return Number((value as { nonFinite: string }).nonFinite);
  return value;
}

/**
 * Writes a finished unit into `outDir`: its image grids first, then its result file, each atomically,
 * so that a unit file on disk always means a complete unit whose grids are there too.
 */
export async function saveUnit(outDir: string, plan: EvalPlan, outcome: UnitOutcome): Promise<void> {
  mkdirSync(join(outDir, UNITS_DIR), { recursive: true });
  for (const a of outcome.artifacts) {
    mkdirSync(join(outDir, a.file, ".."), { recursive: true });
    await writeFileAtomic(join(outDir, a.file), a.png);
  }
  const file: UnitFile = {
    schema: UNIT_SCHEMA,
    plan: planFingerprint(plan),
    result: outcome.result,
    artifacts: outcome.artifacts.map((a) => a.file),
  };
  const text = JSON.stringify(file, encode);
  await writeFileAtomic(unitPath(outDir, outcome.result.unit), new TextEncoder().encode(text));
}

/**
 * The units of `units` already finished in `outDir` by an earlier run of the same plan (an interrupted
 * one), by unit number. A unit file of another plan, an unreadable one, or one whose image grids are
 * missing is ignored: that unit runs again.
 */
export function loadFinishedUnits(
  outDir: string,
  plan: EvalPlan,
  units: readonly Unit[],
): Map<number, UnitResult> {
  const found = new Map<number, UnitResult>();
  const dir = join(outDir, UNITS_DIR);
  if (!existsSync(dir)) return found;
  const fingerprint = planFingerprint(plan);
  const wanted = new Map(units.map((u) => [u.unit, u]));
  for (const name of readdirSync(dir)) {
    if (!/^unit-\d+\.json$/.test(name)) continue;
    let file: UnitFile;
    try {
      file = JSON.parse(readFileSync(join(dir, name), "utf8"), decode) as UnitFile;
    } catch {
      continue;
    }
    if (file?.schema !== UNIT_SCHEMA || file.plan !== fingerprint) continue;
    const unit = wanted.get(file.result?.unit);
    if (!unit || unit.image !== file.result.image || unit.seed !== file.result.seed) continue;
    if (!file.artifacts.every((a) => existsSync(join(outDir, a)))) continue;
    found.set(unit.unit, file.result);
  }
  return found;
}

/** Removes the finished units of `outDir` once its results are written in full. */
export function clearFinishedUnits(outDir: string): void {
  rmSync(join(outDir, UNITS_DIR), { recursive: true, force: true });
}
