import { type Code, type Instr, VALTYPES, type ValType } from "./code.js";
import { sleb, uleb } from "./leb128.js";
import { OPCODES, type OpName, type OpSpec, SIMD_PREFIX } from "./opcodes.js";

/** A function of a module: named parameters, result, named locals and a body. */
export interface FuncDef {
  readonly name: string;
  /** In order; names must not look like integers (object keys that do are reordered). */
  readonly params?: Readonly<Record<string, ValType>>;
  readonly result?: ValType;
  readonly locals?: Readonly<Record<string, ValType>>;
  readonly body: Code;
}

/** Indices the module assigns to what a body names. */
export interface ModuleNames {
  readonly funcs: ReadonlyMap<string, number>;
  readonly globals: ReadonlyMap<string, number>;
}

/** An encoded function body and the names of its labels, by label index. */
export interface EncodedBody {
  readonly bytes: number[];
  readonly labels: [number, string][];
}

/** The entries of a record of names, checking that their order is the written one. */
export function orderedEntries<T>(what: string, record: Readonly<Record<string, T>> = {}): [string, T][] {
  const entries = Object.entries(record);
  for (const [name] of entries)
    if (/^\d+$/.test(name)) throw new Error(`${what} "${name}": a name must not be an integer`);
  return entries;
}

function flatten(code: Code, out: Instr[]): void {
  if (typeof code === "string") out.push({ op: code, imm: [] });
  else if (Array.isArray(code)) for (const c of code as readonly Code[]) flatten(c, out);
  else out.push(code as Instr);
}

function f64Bytes(x: number): number[] {
  return Array.from(new Uint8Array(new Float64Array([x]).buffer));
}

/**
 * Encodes a function body: the local declarations (runs of one type grouped) and the
 * instructions with every name resolved (locals, globals, functions, labels), closed by `end`.
 * Throws on an unknown name, a wrong immediate or unbalanced blocks, naming the function.
 */
export function encodeBody(func: FuncDef, names: ModuleNames): EncodedBody {
  const fail = (msg: string): never => {
    throw new Error(`wasm function "${func.name}": ${msg}`);
  };
  const params = orderedEntries(`function "${func.name}" parameter`, func.params);
  const locals = orderedEntries(`function "${func.name}" local`, func.locals);
  const localIndex = new Map<string, number>();
  for (const [name] of [...params, ...locals]) {
    if (localIndex.has(name)) fail(`local "${name}" is declared twice`);
    localIndex.set(name, localIndex.size);
  }
  const groups: [number, ValType][] = [];
  for (const [, t] of locals) {
    const last = groups[groups.length - 1];
    if (last && last[1] === t) last[0]++;
    else groups.push([1, t]);
  }
  const bytes: number[] = [...uleb(groups.length)];
  for (const [n, t] of groups) bytes.push(...uleb(n), VALTYPES[t]);

  const instrs: Instr[] = [];
  flatten(func.body, instrs);
  const stack: { label: string; kind: OpName }[] = [];
  const labels: [number, string][] = [];
  let labelCount = 0;
  const lookup = (map: ReadonlyMap<string, number>, what: string, v: number | string | undefined) => {
    if (typeof v === "number") return v;
    const i = v === undefined ? undefined : map.get(v);
    return i ?? fail(`unknown ${what} "${v}"`);
  };
  for (const ins of instrs) {
    const spec: OpSpec | undefined = OPCODES[ins.op];
    if (!spec) fail(`unknown instruction "${ins.op}"`);
    const arity = spec.imm === "none" ? 0 : 1;
    // A block's label is optional.
    if (ins.imm.length !== arity && !(spec.imm === "block" && ins.imm.length === 0))
      fail(`${ins.op} takes ${arity} immediate(s), got ${ins.imm.length}`);
    if (spec.simd) bytes.push(SIMD_PREFIX, ...uleb(spec.code));
    else bytes.push(spec.code);
    const [imm] = ins.imm;
    switch (spec.imm) {
      case "block": {
        const label = typeof imm === "string" ? imm : "";
        if (label !== "") labels.push([labelCount, label]);
        labelCount++;
        stack.push({ label, kind: ins.op });
        bytes.push(0x40);
        break;
      }
      case "label": {
        let depth = typeof imm === "number" ? imm : -1;
        for (let i = stack.length - 1; depth < 0 && i >= 0; i--)
          if (stack[i].label === imm) depth = stack.length - 1 - i;
        if (depth < 0 || depth >= stack.length) fail(`${ins.op}: no enclosing label "${imm}"`);
        bytes.push(...uleb(depth));
        break;
      }
      case "local":
        bytes.push(...uleb(lookup(localIndex, "local", imm)));
        break;
      case "global":
        bytes.push(...uleb(lookup(names.globals, "global", imm)));
        break;
      case "func":
        bytes.push(...uleb(lookup(names.funcs, "function", imm)));
        break;
      case "memarg":
        bytes.push(spec.align ?? 0, ...uleb(Number(imm)));
        break;
      case "i32":
        bytes.push(...sleb(Number(imm)));
        break;
      case "f64":
        bytes.push(...f64Bytes(Number(imm)));
        break;
      case "lane":
        bytes.push(Number(imm));
        break;
      case "none":
        if (ins.op === "end" && !stack.pop()) fail("end without a block");
        if (ins.op === "else" && stack[stack.length - 1]?.kind !== "if") fail("else outside an if");
        break;
    }
  }
  if (stack.length > 0) fail(`${stack.length} block(s) left open`);
  bytes.push(OPCODES.end.code);
  return { bytes, labels };
}
