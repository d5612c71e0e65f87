import type { ParamSpec } from "@colorize/core";
import type { LoadedPlugin } from "@colorize/runtime";
import type { Streams } from "../io.js";
import { renderTable } from "../table.js";

/** Run-level parameters every agent shares (the palette is common to a comparison). */
export const RUN_PARAMS: Record<string, ParamSpec> = {
  k: {
    type: "integer",
    default: 5,
    min: 1,
    max: 255,
    description: "palette size (k-means on the left half), shared by every agent",
  },
  seed: { type: "integer", default: 0, description: "seed of k-means and of every agent" },
};

function describeSpec(spec: ParamSpec): string {
  const d = Array.isArray(spec.default) ? spec.default.join(",") : String(spec.default);
  const range =
    spec.type === "enum"
      ? ` {${spec.values.join("|")}}`
      : "min" in spec && (spec.min !== undefined || spec.max !== undefined)
        ? ` [${spec.min ?? ""}..${spec.max ?? ""}]`
        : "";
  return `${spec.type}${range} = ${d}`;
}

/** `colorize plugins [--json]`: the plugins found, with their parameters and defaults. */
export function pluginsCommand(plugins: readonly LoadedPlugin[], json: boolean, io: Streams): void {
  if (json) {
    const doc = plugins.map((p) => ({
      name: p.short,
      package: p.name,
      version: p.plugin.meta.version,
      kind: p.plugin.meta.kind,
      role: p.plugin.meta.role ?? null,
      output: p.plugin.capabilities.output,
      summary: p.plugin.meta.description.summary,
      params: Object.fromEntries(Object.entries(p.plugin.params).map(([k, s]) => [k, { ...s }])),
      study: p.plugin.study ? { param: p.plugin.study.param, sweep: [...p.plugin.study.sweep] } : null,
    }));
    io.out.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const rows: string[][] = [];
  for (const p of plugins) {
    rows.push([p.short, p.plugin.meta.kind, p.plugin.capabilities.output, p.plugin.meta.description.summary]);
  }
  io.out.write(`${renderTable(["name", "kind", "output", "summary"], rows)}\n`);
  for (const p of plugins) {
    const role = p.plugin.meta.role ? `, role ${p.plugin.meta.role}` : "";
    io.out.write(`\n${p.short} (${p.name} ${p.plugin.meta.version}${role})\n`);
    const entries = Object.entries(p.plugin.params);
    if (entries.length === 0) io.out.write("  no parameters\n");
    for (const [k, s] of entries) io.out.write(`  --param ${k}  ${describeSpec(s)}  ${s.description}\n`);
    const study = p.plugin.study;
    if (study) {
      const sweep =
        p.plugin.meta.role === "basic"
          ? `; eval sweeps ${study.param}=${study.sweep.join(",")} by default`
          : "";
      io.out.write(`  study: every ${study.param} and palette from one shared search${sweep}\n`);
    }
  }
  io.out.write("\nshared by every agent of a run:\n");
  for (const [k, s] of Object.entries(RUN_PARAMS))
    io.out.write(`  --${k}  ${describeSpec(s)}  ${s.description}\n`);
}
