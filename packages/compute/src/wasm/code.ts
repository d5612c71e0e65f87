import type { OpName, PlainOp } from "./opcodes.js";

/**
 * Instructions as data. A function body is a tree of {@link Code}: an {@link Instr}, the bare name
 * of an instruction without immediates (`"f64.add"`), or an array of code (flattened when
 * assembled), so that an expression helper is a function returning code. Locals, globals,
 * functions and labels are named; the assembler resolves the names to indices.
 *
 * ```ts
 * [get("d"), get("t"), "f64.gt", if_([i32c(0), "return"])]
 * ```
 */
export interface Instr {
  readonly op: OpName;
  readonly imm: readonly (number | string)[];
}

/** A function body or a piece of one. */
export type Code = Instr | PlainOp | readonly Code[];

/** Any instruction with its immediates (the typed helpers below are preferred). */
export const op = (name: OpName, ...imm: (number | string)[]): Instr => ({ op: name, imm });

export const get = (local: string) => op("local.get", local);
export const set = (local: string) => op("local.set", local);
export const tee = (local: string) => op("local.tee", local);
export const gget = (global: string) => op("global.get", global);
export const gset = (global: string) => op("global.set", global);
export const call = (func: string) => op("call", func);
export const i32c = (n: number) => op("i32.const", n);
export const f64c = (x: number) => op("f64.const", x);
/** A memory access at a constant byte offset from the address on the stack. */
export const mem = (
  name:
    | "i32.load"
    | "i32.load16_s"
    | "i32.store16"
    | "f32.load"
    | "f64.load"
    | "i32.store"
    | "f32.store"
    | "f64.store"
    | "v128.load"
    | "v128.load64_splat"
    | "v128.store",
  offset = 0,
) => op(name, offset);

const END: Code = "end";
const ELSE: Code = "else";

/** `block $label ... end`: `br $label` inside jumps to its end. */
export const block = (label: string, ...body: Code[]): Code => [op("block", label), body, END];
/** `loop $label ... end`: `br $label` inside jumps back to its start. */
export const loop = (label: string, ...body: Code[]): Code => [op("loop", label), body, END];
/** `if ... else ... end` on the i32 on the stack (no result). */
export const if_ = (then: Code, otherwise?: Code): Code =>
  otherwise === undefined ? [op("if"), then, END] : [op("if"), then, ELSE, otherwise, END];
export const br = (label: string) => op("br", label);
export const brIf = (label: string) => op("br_if", label);

/** Value types. */
export type ValType = "i32" | "i64" | "f32" | "f64" | "v128";

/** Value type bytes of the binary format. */
export const VALTYPES: Readonly<Record<ValType, number>> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
};

/** The value type of a byte, for the disassembler. */
export function valType(byte: number): ValType {
  for (const [name, b] of Object.entries(VALTYPES)) if (b === byte) return name as ValType;
  throw new RangeError(`unknown value type 0x${byte.toString(16)}`);
}
