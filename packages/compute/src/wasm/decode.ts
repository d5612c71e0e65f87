import { type ValType, valType } from "./code.js";
import { readSleb, readUleb } from "./leb128.js";
import { OPCODES, type OpName, opcodeNames, SIMD_PREFIX } from "./opcodes.js";

/** One decoded instruction: where it starts, its name and its raw immediates (indices, depths, values). */
export interface DecodedInstr {
  readonly offset: number;
  readonly op: OpName;
  readonly imm: readonly number[];
}

/** A decoded function, with the names the module's "name" section gives it. */
export interface DecodedFunc {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  readonly locals: readonly ValType[];
  /** Names of parameters then locals, by local index ("" where the module names none). */
  readonly localNames: readonly string[];
  /** Names of labels, by label index (blocks, loops and ifs in order of appearance). */
  readonly labelNames: ReadonlyMap<number, string>;
  readonly body: readonly DecodedInstr[];
}

/** What {@link decodeModule} reads: the sections our assembler writes. */
export interface DecodedModule {
  readonly memory?: { min: number; max?: number; shared: boolean; import?: [string, string] };
  readonly globals: readonly { name: string; type: ValType; mutable: boolean; init: number }[];
  readonly funcs: readonly DecodedFunc[];
  readonly exports: readonly { name: string; kind: "func" | "memory"; index: number }[];
}

class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}
  byte(): number {
    if (this.at >= this.bytes.length) throw new RangeError(`wasm: unexpected end at byte ${this.at}`);
    return this.bytes[this.at++];
  }
  u32(): number {
    const r = readUleb(this.bytes, this.at);
    this.at = r.next;
    return r.value;
  }
  s32(): number {
    const r = readSleb(this.bytes, this.at);
    this.at = r.next;
    return r.value;
  }
  f64(): number {
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.at, 8).getFloat64(0, true);
    this.at += 8;
    return v;
  }
  name(): string {
    const n = this.u32();
    const s = String.fromCharCode(...this.bytes.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  }
  vec<T>(item: () => T): T[] {
    return Array.from({ length: this.u32() }, item);
  }
}

function instructions(r: Reader, end: number): DecodedInstr[] {
  const { core, simd } = opcodeNames();
  const out: DecodedInstr[] = [];
  let depth = 0;
  while (r.at < end) {
    const offset = r.at;
    const code = r.byte();
    const op = code === SIMD_PREFIX ? simd.get(r.u32()) : core.get(code);
    if (!op) throw new RangeError(`wasm: unknown opcode 0x${code.toString(16)} at byte ${offset}`);
    const spec = OPCODES[op];
    const imm: number[] = [];
    if (spec.imm === "block") {
      if (r.byte() !== 0x40) throw new RangeError(`wasm: only empty block types are listed (byte ${offset})`);
      depth++;
    } else if (spec.imm === "memarg") imm.push(r.u32(), r.u32());
    else if (spec.imm === "i32") imm.push(r.s32());
    else if (spec.imm === "f64") imm.push(r.f64());
    else if (spec.imm === "lane") imm.push(r.byte());
    else if (spec.imm !== "none") imm.push(r.u32());
    out.push({ offset, op, imm });
    if (op === "end" && depth-- === 0) break;
  }
  if (r.at !== end) throw new RangeError(`wasm: function body ends at byte ${r.at}, expected ${end}`);
  return out;
}

/** Decodes a module of the kind `assemble` writes; throws on anything else, naming the byte. */
export function decodeModule(bytes: Uint8Array): DecodedModule {
  const r = new Reader(bytes, 8);
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d)
    throw new RangeError("wasm: not a WebAssembly module");
  let types: { params: ValType[]; results: ValType[] }[] = [];
  let funcTypes: number[] = [];
  let memory: DecodedModule["memory"];
  let globals: { type: ValType; mutable: boolean; init: number }[] = [];
  let exports: DecodedModule["exports"] = [];
  const bodies: { locals: ValType[]; body: DecodedInstr[] }[] = [];
  const names = new Map<number, Reader>();
  const limits = () => {
    const flag = r.byte();
    const min = r.u32();
    return { min, max: flag & 1 ? r.u32() : undefined, shared: (flag & 2) !== 0 };
  };
  while (r.at < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.at + size;
    if (id === 1) {
      types = r.vec(() => {
        if (r.byte() !== 0x60) throw new RangeError(`wasm: bad function type at byte ${r.at - 1}`);
        return { params: r.vec(() => valType(r.byte())), results: r.vec(() => valType(r.byte())) };
      });
    } else if (id === 2) {
      r.vec(() => {
        const from: [string, string] = [r.name(), r.name()];
        if (r.byte() !== 0x02) throw new RangeError("wasm: only a memory import is listed");
        memory = { ...limits(), import: from };
      });
    } else if (id === 3) funcTypes = r.vec(() => r.u32());
    else if (id === 5) [memory] = r.vec(limits);
    else if (id === 6) {
      globals = r.vec(() => {
        const type = valType(r.byte());
        const mutable = r.byte() === 1;
        const code = r.byte();
        const init = code === 0x41 ? r.s32() : code === 0x44 ? r.f64() : Number.NaN;
        if (Number.isNaN(init) || r.byte() !== 0x0b)
          throw new RangeError("wasm: unsupported global initialiser");
        return { type, mutable, init };
      });
    } else if (id === 7) {
      exports = r.vec(() => ({ name: r.name(), kind: r.byte() === 0 ? "func" : "memory", index: r.u32() }));
    } else if (id === 10) {
      r.vec(() => {
        const bodyEnd = r.u32() + r.at;
        const locals = r
          .vec(() => [r.u32(), valType(r.byte())] as const)
          .flatMap(([n, t]) => Array(n).fill(t));
        bodies.push({ locals, body: instructions(r, bodyEnd) });
      });
    } else if (id === 0 && new Reader(bytes, r.at).name() === "name") {
      r.name();
      while (r.at < end) {
        const sub = r.byte();
        const subEnd = r.u32() + r.at;
        names.set(sub, new Reader(bytes.subarray(0, subEnd), r.at));
        r.at = subEnd;
      }
    } else throw new RangeError(`wasm: section ${id} is not listed`);
    if (r.at !== end) throw new RangeError(`wasm: section ${id} ends at byte ${r.at}, expected ${end}`);
  }
  const nameMap = (n: Reader | undefined) => new Map(n ? n.vec(() => [n.u32(), n.name()] as const) : []);
  const indirect = (n: Reader | undefined) => new Map(n ? n.vec(() => [n.u32(), nameMap(n)] as const) : []);
  const funcNames = nameMap(names.get(1));
  const localNames = indirect(names.get(2));
  const labelNames = indirect(names.get(3));
  const globalNames = nameMap(names.get(7));
  return {
    memory,
    globals: globals.map((g, i) => ({ ...g, name: globalNames.get(i) ?? "" })),
    exports,
    funcs: bodies.map((b, i) => {
      const type = types[funcTypes[i]];
      const ln = localNames.get(i);
      return {
        name: funcNames.get(i) ?? "",
        ...type,
        locals: b.locals,
        localNames: Array.from({ length: type.params.length + b.locals.length }, (_, j) => ln?.get(j) ?? ""),
        labelNames: labelNames.get(i) ?? new Map(),
        body: b.body,
      };
    }),
  };
}
