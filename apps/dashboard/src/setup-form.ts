import { defaultsOf, type ParamSpec, type ParamValue, parseParam } from "@colorize/core";
import type { LoadedPlugin } from "@colorize/runtime";
import type { SetupAgent, SetupState } from "./state.js";

/** Run-wide parameters, with the same bounds as the CLI's `--k` and `--seed`. */
export const RUN_PARAMS = {
  k: {
    type: "integer",
    default: 5,
    min: 1,
    max: 255,
    description: "palette size (k-means on the left half)",
  },
  seed: {
    type: "integer",
    default: 0,
    min: -(2 ** 31),
    max: 2 ** 31 - 1,
    description: "seed of k-means and of every agent",
  },
} as const satisfies Record<string, ParamSpec>;

/** One line of the set-up form. */
export type Field =
  | { readonly kind: "image" }
  | { readonly kind: "k" }
  | { readonly kind: "seed" }
  | { readonly kind: "agent"; readonly agent: number }
  | { readonly kind: "param"; readonly agent: number; readonly name: string }
  | { readonly kind: "start" };

/** The form's fields in screen order; an agent's parameters follow it while it is enabled. */
export function setupFields(setup: SetupState): Field[] {
  const fields: Field[] = [{ kind: "image" }, { kind: "k" }, { kind: "seed" }];
  setup.agents.forEach((a, agent) => {
    fields.push({ kind: "agent", agent });
    if (a.enabled) for (const name of Object.keys(a.schema)) fields.push({ kind: "param", agent, name });
  });
  fields.push({ kind: "start" });
  return fields;
}

/** The set-up state for these plugins: `enabled` agents ticked (the first plugin when none is named). */
export function initialSetup(
  plugins: readonly LoadedPlugin[],
  options: { imagePath: string; k?: number; seed?: number; enabled?: readonly string[] },
): SetupState {
  const enabled = options.enabled?.length ? options.enabled : plugins.slice(0, 1).map((p) => p.short);
  const agents: SetupAgent[] = plugins.map((p) => ({
    short: p.short,
    summary: p.plugin.meta.description.summary,
    iterative: p.plugin.capabilities.iterative,
    enabled: enabled.includes(p.short) || enabled.includes(p.name),
    schema: p.plugin.params,
    values: defaultsOf(p.plugin.params),
  }));
  const state: SetupState = {
    imagePath: options.imagePath,
    k: options.k ?? 5,
    seed: options.seed ?? 0,
    agents,
    cursor: 0,
  };
  // Start on "start run": with an image and a default agent, one Enter begins.
  return { ...state, cursor: setupFields(state).length - 1 };
}

/** The spec of a field that takes typed text, or undefined for fields that toggle. */
export function textSpec(setup: SetupState, field: Field): ParamSpec | "path" | undefined {
  if (field.kind === "image") return "path";
  if (field.kind === "k") return RUN_PARAMS.k;
  if (field.kind === "seed") return RUN_PARAMS.seed;
  if (field.kind === "param") {
    const spec = setup.agents[field.agent].schema[field.name];
    return spec.type === "boolean" || spec.type === "enum" ? undefined : spec;
  }
  return undefined;
}

/** The value of a field as text (what editing starts from). */
export function fieldText(setup: SetupState, field: Field): string {
  switch (field.kind) {
    case "image":
      return setup.imagePath;
    case "k":
      return String(setup.k);
    case "seed":
      return String(setup.seed);
    case "param": {
      const v = setup.agents[field.agent].values[field.name];
      return Array.isArray(v) ? v.join(",") : String(v);
    }
    default:
      return "";
  }
}

/** Stores typed text into a field after validating it; throws ConfigError (one line) when it does not fit. */
export function commitText(setup: SetupState, field: Field, text: string): SetupState {
  switch (field.kind) {
    case "image": {
      const path = text.trim();
      if (path === "") throw new RangeError("the image path is empty");
      return { ...setup, imagePath: path };
    }
    case "k":
      return { ...setup, k: parseParam("k", RUN_PARAMS.k, text) as number };
    case "seed":
      return { ...setup, seed: parseParam("seed", RUN_PARAMS.seed, text) as number };
    case "param":
      return setValue(
        setup,
        field.agent,
        field.name,
        parseParam(field.name, setup.agents[field.agent].schema[field.name], text),
      );
    default:
      return setup;
  }
}

function setValue(setup: SetupState, agent: number, name: string, value: ParamValue): SetupState {
  const agents = setup.agents.map((a, i) =>
    i === agent ? { ...a, values: { ...a.values, [name]: value } } : a,
  );
  return { ...setup, agents };
}

/** Ticks an agent, flips a boolean or steps an enum by `delta`; other fields are unchanged. */
export function toggleField(setup: SetupState, field: Field, delta: number): SetupState {
  if (field.kind === "agent") {
    const agents = setup.agents.map((a, i) => (i === field.agent ? { ...a, enabled: !a.enabled } : a));
    return { ...setup, agents };
  }
  if (field.kind !== "param") return setup;
  const a = setup.agents[field.agent];
  const spec = a.schema[field.name];
  if (spec.type === "boolean") return setValue(setup, field.agent, field.name, !a.values[field.name]);
  if (spec.type === "enum") {
    const i = spec.values.indexOf(a.values[field.name] as string);
    const n = spec.values.length;
    return setValue(setup, field.agent, field.name, spec.values[(((i + delta) % n) + n) % n]);
  }
  return setup;
}

/** The agents a run would start with, and their configurations. */
export function chosenAgents(setup: SetupState): { short: string; config: Record<string, ParamValue> }[] {
  return setup.agents.filter((a) => a.enabled).map((a) => ({ short: a.short, config: { ...a.values } }));
}
