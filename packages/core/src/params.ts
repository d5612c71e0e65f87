/** One parameter of a plugin, with its default and its bounds. */
export type ParamSpec =
  | {
      type: "integer" | "number";
      default: number;
      min?: number;
      max?: number;
      description: string;
    }
  | { type: "boolean"; default: boolean; description: string }
  | { type: "enum"; values: readonly string[]; default: string; description: string }
  | {
      type: "integer-list";
      default: readonly number[];
      min?: number;
      max?: number;
      minLength?: number;
      maxLength?: number;
      description: string;
    };

/** A plugin's parameters by name. */
export type ParamSchema = Readonly<Record<string, ParamSpec>>;

/** A parameter value as it appears in a parsed configuration. */
export type ParamValue = number | boolean | string | number[];

/** A parsed configuration: every parameter of the schema, defaults filled in. */
export type Config = Record<string, ParamValue>;

/** Raised for a configuration that does not fit the schema; its message is one line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The defaults of a schema as a configuration. */
export function defaultsOf(schema: ParamSchema): Config {
  const out: Config = {};
  for (const [k, spec] of Object.entries(schema)) {
    out[k] = Array.isArray(spec.default) ? [...spec.default] : (spec.default as ParamValue);
  }
  return out;
}

/**
 * Parses one parameter from a string (as typed on a command line or in a form) or a value.
 * Throws {@link ConfigError} with a one-line message when it does not fit.
 */
export function parseParam(name: string, spec: ParamSpec, raw: unknown): ParamValue {
  const where = `parameter ${name}`;
  switch (spec.type) {
    case "integer":
    case "number": {
      const v = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new ConfigError(`${where} must be a number, got ${JSON.stringify(raw)}`);
      }
      if (spec.type === "integer" && !Number.isInteger(v)) {
        throw new ConfigError(`${where} must be an integer, got ${v}`);
      }
      if (spec.min !== undefined && v < spec.min)
        throw new ConfigError(`${where} must be >= ${spec.min}, got ${v}`);
      if (spec.max !== undefined && v > spec.max)
        throw new ConfigError(`${where} must be <= ${spec.max}, got ${v}`);
      return v;
    }
    case "boolean": {
      if (raw === true || raw === "true" || raw === "1" || raw === "yes" || raw === "on") return true;
      if (raw === false || raw === "false" || raw === "0" || raw === "no" || raw === "off") return false;
      throw new ConfigError(`${where} must be true or false, got ${JSON.stringify(raw)}`);
    }
    case "enum": {
      if (typeof raw !== "string" || !spec.values.includes(raw)) {
        throw new ConfigError(
          `${where} must be one of ${spec.values.join(", ")}, got ${JSON.stringify(raw)}`,
        );
      }
      return raw;
    }
    case "integer-list": {
      const items =
        typeof raw === "string"
          ? raw.trim() === ""
            ? []
            : raw.split(/[,\s]+/).map(Number)
          : Array.isArray(raw)
            ? raw
            : null;
      if (!items || items.some((x) => typeof x !== "number" || !Number.isInteger(x))) {
        throw new ConfigError(
          `${where} must be a comma-separated list of integers, got ${JSON.stringify(raw)}`,
        );
      }
      if (spec.minLength !== undefined && items.length < spec.minLength) {
        throw new ConfigError(`${where} needs at least ${spec.minLength} values`);
      }
      if (spec.maxLength !== undefined && items.length > spec.maxLength) {
        throw new ConfigError(`${where} takes at most ${spec.maxLength} values`);
      }
      for (const x of items as number[]) {
        if (spec.min !== undefined && x < spec.min)
          throw new ConfigError(`${where} values must be >= ${spec.min}`);
        if (spec.max !== undefined && x > spec.max)
          throw new ConfigError(`${where} values must be <= ${spec.max}`);
      }
      return [...(items as number[])];
    }
  }
}

/**
 * Validates a partial configuration against a schema and fills in defaults. Unknown keys are
 * refused, naming the known ones.
 */
export function parseConfig(schema: ParamSchema, partial: Record<string, unknown> = {}): Config {
  const out = defaultsOf(schema);
  for (const [k, raw] of Object.entries(partial)) {
    const spec = schema[k];
    if (!spec) {
      const known = Object.keys(schema);
      throw new ConfigError(
        `unknown parameter ${k}${known.length ? ` (known: ${known.join(", ")})` : " (this plugin takes none)"}`,
      );
    }
    if (raw === undefined) continue;
    out[k] = parseParam(k, spec, raw);
  }
  return out;
}
