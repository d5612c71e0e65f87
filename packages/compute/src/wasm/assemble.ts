import { encodeBody, type FuncDef, orderedEntries } from "./body.js";
import { VALTYPES, type ValType } from "./code.js";
import { sleb, uleb } from "./leb128.js";

export type { FuncDef } from "./body.js";

/** A mutable (by default) global, initialised to a constant (default 0). */
export interface GlobalDef {
  readonly type: "i32" | "f64";
  readonly init?: number;
  readonly mutable?: boolean;
}

/** The module's one linear memory, in 64 KiB pages: imported as `import[0].import[1]`, or its own. */
export interface MemoryDef {
  readonly min: number;
  readonly max?: number;
  readonly shared?: boolean;
  readonly import?: readonly [module: string, name: string];
  readonly export?: string;
}

/** A module: memory, named globals, functions (indexed in order) and exported function names. */
export interface ModuleDef {
  readonly memory?: MemoryDef;
  readonly globals?: Readonly<Record<string, GlobalDef>>;
  readonly funcs: readonly FuncDef[];
  readonly exports?: readonly string[];
}

/** A length-prefixed ASCII name. */
export function encodeName(s: string): number[] {
  const codes = Array.from(s, (c) => c.charCodeAt(0));
  if (codes.some((c) => c > 0x7e)) throw new RangeError(`wasm name "${s}" is not ASCII`);
  return [...uleb(codes.length), ...codes];
}

/** The parts one after another (a loop: spreading large arrays is slow). */
function concat(parts: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (const part of parts) for (let i = 0; i < part.length; i++) out.push(part[i]);
  return out;
}
const vec = (items: readonly (readonly number[])[]) => concat([uleb(items.length), ...items]);
const section = (id: number, body: readonly number[]) => concat([[id], uleb(body.length), body]);
const nameMap = (names: readonly [number, string][]) =>
  vec(names.map(([i, n]) => concat([uleb(i), encodeName(n)])));

function limits(m: MemoryDef): number[] {
  if (m.shared && m.max === undefined) throw new Error("a shared memory needs a maximum");
  const flag = (m.shared ? 2 : 0) | (m.max === undefined ? 0 : 1);
  return [flag, ...uleb(m.min), ...(m.max === undefined ? [] : uleb(m.max))];
}

function constExpr(g: GlobalDef): number[] {
  const init = g.init ?? 0;
  const value =
    g.type === "i32" ? [0x41, ...sleb(init)] : [0x44, ...new Uint8Array(new Float64Array([init]).buffer)];
  return [VALTYPES[g.type], g.mutable === false ? 0 : 1, ...value, 0x0b];
}

/**
 * The binary module for a definition, with a "name" section (function, local, label and global
 * names) so that its listing (see `disassemble`) reads with the names of the source. Throws, naming
 * the function, on any unresolved name or malformed body.
 */
export function assemble(def: ModuleDef): Uint8Array {
  const funcs = new Map(def.funcs.map((f, i) => [f.name, i] as const));
  if (funcs.size !== def.funcs.length) throw new Error("wasm module: two functions share a name");
  const globalEntries = orderedEntries("global", def.globals);
  const globals = new Map(globalEntries.map(([n], i) => [n, i] as const));
  const types: string[] = [];
  const typeOf = def.funcs.map((f) => {
    const params = orderedEntries(`function "${f.name}" parameter`, f.params).map(([, t]) => VALTYPES[t]);
    const results = f.result ? [VALTYPES[f.result as ValType]] : [];
    const key = JSON.stringify([
      0x60,
      ...uleb(params.length),
      ...params,
      ...uleb(results.length),
      ...results,
    ]);
    if (!types.includes(key)) types.push(key);
    return types.indexOf(key);
  });
  const bodies = def.funcs.map((f) => encodeBody(f, { funcs, globals }));
  const exports = (def.exports ?? []).map((n) => {
    const i = funcs.get(n);
    if (i === undefined) throw new Error(`wasm module: cannot export unknown function "${n}"`);
    return [...encodeName(n), 0x00, ...uleb(i)];
  });
  const memory = def.memory;
  if (memory?.export) exports.push([...encodeName(memory.export), 0x02, 0]);

  const localNames = (f: FuncDef) =>
    [...orderedEntries("", f.params), ...orderedEntries("", f.locals)].map(([n], j): [number, string] => [
      j,
      n,
    ]);
  const names = concat([
    section(1, nameMap(def.funcs.map((f, i) => [i, f.name]))),
    section(2, vec(def.funcs.map((f, i) => concat([uleb(i), nameMap(localNames(f))])))),
    section(3, vec(bodies.map((b, i) => concat([uleb(i), nameMap(b.labels)])))),
    section(7, nameMap(globalEntries.map(([n], i) => [i, n]))),
  ]);
  const memoryImport = memory?.import && [
    ...encodeName(memory.import[0]),
    ...encodeName(memory.import[1]),
    0x02,
    ...limits(memory),
  ];
  const bytes = concat([
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, vec(types.map((t) => JSON.parse(t) as number[]))),
    memoryImport ? section(2, vec([memoryImport])) : [],
    section(3, vec(typeOf.map((t) => uleb(t)))),
    memory && !memory.import ? section(5, vec([limits(memory)])) : [],
    globalEntries.length > 0 ? section(6, vec(globalEntries.map(([, g]) => constExpr(g)))) : [],
    exports.length > 0 ? section(7, vec(exports)) : [],
    section(10, vec(bodies.map((b) => concat([uleb(b.bytes.length), b.bytes])))),
    section(0, concat([encodeName("name"), names])),
  ]);
  return Uint8Array.from(bytes);
}
