import { Box } from "ink";
import { cells, fitEnd } from "../format.js";
import { type Field, RUN_PARAMS, setupFields } from "../setup-form.js";
import type { SetupState } from "../state.js";
import { Line } from "./line.js";

function describeSpecRange(spec: {
  type: string;
  min?: number;
  max?: number;
  values?: readonly string[];
}): string {
  if (spec.type === "enum") return (spec.values ?? []).join(" | ");
  if (spec.type === "boolean") return "yes | no";
  const range =
    spec.min !== undefined || spec.max !== undefined ? ` ${spec.min ?? ""}..${spec.max ?? ""}` : "";
  return `${spec.type}${range}`;
}

function fieldLine(
  setup: SetupState,
  field: Field,
  editing: string | undefined,
): { text: string; hint: string } {
  const value = (v: string) => (editing !== undefined ? `${editing}▏` : v);
  switch (field.kind) {
    case "image":
      return {
        text: `Image    ${value(setup.imagePath)}`,
        hint: "PNG or JPEG photograph; enter to type a path",
      };
    case "k":
      return {
        text: `k        ${value(String(setup.k))}`,
        hint: `${RUN_PARAMS.k.description}, integer 1..255`,
      };
    case "seed":
      return { text: `seed     ${value(String(setup.seed))}`, hint: RUN_PARAMS.seed.description };
    case "agent": {
      const a = setup.agents[field.agent];
      return { text: `[${a.enabled ? "x" : " "}] ${a.short.padEnd(12)} ${a.summary}`, hint: a.summary };
    }
    case "param": {
      const a = setup.agents[field.agent];
      const spec = a.schema[field.name];
      const v = a.values[field.name];
      const shown = Array.isArray(v) ? v.join(",") : typeof v === "boolean" ? (v ? "yes" : "no") : String(v);
      const arrows = spec.type === "enum" || spec.type === "boolean" ? `‹ ${shown} ›` : value(shown);
      return {
        text: `      ${field.name.padEnd(14)} ${arrows.padEnd(10)} ${describeSpecRange(spec)}`,
        hint: spec.description,
      };
    }
    case "start": {
      const n = setup.agents.filter((a) => a.enabled).length;
      return {
        text: `▶ Start run (${n} agent${n === 1 ? "" : "s"})`,
        hint: "runs each ticked agent in turn on the image",
      };
    }
  }
}

/**
 * The set-up screen: image, k and seed, the agents with their parameters, and "start run"; the
 * list scrolls to keep the cursor in view, and the line under it describes the field.
 * @param height lines available for the screen (title, fields and the hint)
 */
export function SetupView(props: { setup: SetupState; width: number; height: number; color: boolean }) {
  const { setup, width, height, color } = props;
  const fields = setupFields(setup);
  const cursor = Math.min(setup.cursor, fields.length - 1);
  const visible = Math.max(1, height - 3);
  const first = Math.max(0, Math.min(cursor - Math.floor(visible / 2), fields.length - visible));
  const shown = fields.slice(first, first + visible);
  const current = fieldLine(setup, fields[cursor], setup.editing);
  const title = "colorize dashboard · set up a run";
  const more = fields.length > visible ? ` (${cursor + 1}/${fields.length})` : "";
  return (
    <Box flexDirection="column" height={height}>
      <Line text={fitEnd(title + more, width)} color={color} tone="accent" bold />
      <Line text="" color={color} />
      {shown.map((field, i) => {
        const at = first + i === cursor;
        const { text } = fieldLine(setup, field, at ? setup.editing : undefined);
        const tone = field.kind === "start" ? "good" : field.kind === "param" ? undefined : "accent";
        return (
          <Line
            key={`${first + i}`}
            text={fitEnd(`${at ? "› " : "  "}${text}`, width)}
            color={color}
            tone={tone}
            inverse={at}
          />
        );
      })}
      <Box flexGrow={1} />
      <Line
        text={fitEnd(cells(current.hint) > 0 ? `  ${current.hint}` : "", width)}
        color={color}
        tone="muted"
      />
    </Box>
  );
}
