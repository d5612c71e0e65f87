import { type DecodedFunc, type DecodedInstr, type DecodedModule, decodeModule } from "./decode.js";
import { OPCODES } from "./opcodes.js";

/**
 * A WebAssembly text-format listing of a module, generated from its bytes: one instruction per
 * line, indented by block depth, with the names of the module's "name" section for functions,
 * parameters, locals, globals and labels. It is what a reviewer reads in place of the bytes, so
 * it is deterministic and holds every instruction and immediate.
 */
export function disassemble(bytes: Uint8Array): string {
  return listModule(decodeModule(bytes));
}

const ref = (name: string | undefined, index: number) => (name ? `$${name}` : String(index));

function f64Text(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  return Object.is(x, -0) ? "-0" : String(x);
}

function instrText(
  ins: DecodedInstr,
  func: DecodedFunc,
  m: DecodedModule,
  labels: readonly (string | undefined)[],
  label: string | undefined,
): string {
  const spec = OPCODES[ins.op];
  const [a, b] = ins.imm;
  switch (spec.imm) {
    case "block":
      return label ? `${ins.op} $${label}` : ins.op;
    case "label": {
      const target = labels[labels.length - 1 - a];
      return `${ins.op} ${target ? `$${target}` : a}`;
    }
    case "local":
      return `${ins.op} ${ref(func.localNames[a], a)}`;
    case "global":
      return `${ins.op} ${ref(m.globals[a]?.name, a)}`;
    case "func":
      return `${ins.op} ${ref(m.funcs[a]?.name, a)}`;
    case "memarg": {
      const parts: string[] = [ins.op];
      if (b !== 0) parts.push(`offset=${b}`);
      if (a !== spec.align) parts.push(`align=${2 ** a}`);
      return parts.join(" ");
    }
    case "f64":
      return `${ins.op} ${f64Text(a)}`;
    case "none":
      return ins.op === "end" && label ? `end $${label}` : ins.op;
    default:
      return `${ins.op} ${a}`;
  }
}

function listFunc(func: DecodedFunc, index: number, m: DecodedModule): string[] {
  const names = func.localNames;
  const exported = m.exports.filter((e) => e.kind === "func" && e.index === index);
  const head = [
    `(func ${ref(func.name, index)}`,
    ...exported.map((e) => `(export "${e.name}")`),
    ...func.params.map((t, i) => (names[i] ? `(param $${names[i]} ${t})` : `(param ${t})`)),
    ...func.results.map((t) => `(result ${t})`),
  ];
  const lines = [`  ${head.join(" ")}`];
  func.locals.forEach((t, i) => {
    const n = names[func.params.length + i];
    lines.push(n ? `    (local $${n} ${t})` : `    (local ${t})`);
  });
  const labels: (string | undefined)[] = [];
  let next = 0;
  for (const ins of func.body) {
    const opens = OPCODES[ins.op].imm === "block";
    // The last `end` closes the function itself.
    if (ins.op === "end" && labels.length === 0) break;
    const closing = ins.op === "end" || ins.op === "else";
    const label = opens ? func.labelNames.get(next++) : closing ? labels[labels.length - 1] : undefined;
    const depth = labels.length - (closing ? 1 : 0);
    lines.push(
      `${"  ".repeat(depth + 2)}${instrText(ins, func, m, labels, ins.op === "else" ? undefined : label)}`,
    );
    if (opens) labels.push(label);
    if (ins.op === "end") labels.pop();
  }
  lines.push("  )");
  return lines;
}

/** The listing of a decoded module (see {@link disassemble}). */
export function listModule(m: DecodedModule): string {
  const lines = ["(module"];
  const mem = m.memory;
  if (mem) {
    const limits = [mem.min, ...(mem.max === undefined ? [] : [mem.max]), ...(mem.shared ? ["shared"] : [])];
    const decl = `(memory ${limits.join(" ")})`;
    lines.push(mem.import ? `  (import "${mem.import[0]}" "${mem.import[1]}" ${decl})` : `  ${decl}`);
  }
  m.globals.forEach((g, i) => {
    const type = g.mutable ? `(mut ${g.type})` : g.type;
    const init = g.type === "f64" ? f64Text(g.init) : String(g.init);
    lines.push(`  (global ${ref(g.name, i)} ${type} (${g.type}.const ${init}))`);
  });
  for (const e of m.exports)
    if (e.kind === "memory") lines.push(`  (export "${e.name}" (memory ${e.index}))`);
  m.funcs.forEach((f, i) => {
    lines.push(...listFunc(f, i, m));
  });
  lines.push(")");
  return `${lines.join("\n")}\n`;
}
