/**
 * The one opcode table of the assembler and the disassembler: every instruction our kernels use,
 * with its encoding and the kind of immediate that follows it. Adding an instruction is one line
 * here; both directions pick it up. Names are the WebAssembly text format's.
 */

/** What follows an opcode in the binary format. */
export type ImmKind =
  | "none"
  /** a block type (only the empty one, 0x40, is used), plus an optional label name */
  | "block"
  /** a label depth (`br`, `br_if`), written as a label name or a depth */
  | "label"
  | "func"
  | "local"
  | "global"
  /** alignment (log2, the natural one) and a byte offset */
  | "memarg"
  | "i32"
  | "f64"
  /** a lane index byte (`extract_lane`) */
  | "lane";

/** One instruction's encoding: `code` alone, or after the SIMD prefix 0xfd (as a LEB128). */
export interface OpSpec {
  readonly code: number;
  readonly simd?: true;
  readonly imm: ImmKind;
  /** log2 of the natural alignment of a memory access. */
  readonly align?: number;
}

const none = (code: number) => ({ code, imm: "none" }) as const;
const mem = (code: number, align: number) => ({ code, imm: "memarg", align }) as const;
const simd = (code: number) => ({ code, simd: true, imm: "none" }) as const;
const simdMem = (code: number, align: number) => ({ code, simd: true, imm: "memarg", align }) as const;
const simdLane = (code: number) => ({ code, simd: true, imm: "lane" }) as const;

/** The instructions, by text-format name. */
export const OPCODES = {
  unreachable: none(0x00),
  nop: none(0x01),
  block: { code: 0x02, imm: "block" },
  loop: { code: 0x03, imm: "block" },
  if: { code: 0x04, imm: "block" },
  else: none(0x05),
  end: none(0x0b),
  br: { code: 0x0c, imm: "label" },
  br_if: { code: 0x0d, imm: "label" },
  return: none(0x0f),
  call: { code: 0x10, imm: "func" },
  drop: none(0x1a),
  select: none(0x1b),
  "local.get": { code: 0x20, imm: "local" },
  "local.set": { code: 0x21, imm: "local" },
  "local.tee": { code: 0x22, imm: "local" },
  "global.get": { code: 0x23, imm: "global" },
  "global.set": { code: 0x24, imm: "global" },
  "i32.load": mem(0x28, 2),
  "i32.load16_s": mem(0x2e, 1),
  "f32.load": mem(0x2a, 2),
  "f64.load": mem(0x2b, 3),
  "i32.store": mem(0x36, 2),
  "i32.store16": mem(0x3b, 1),
  "f32.store": mem(0x38, 2),
  "f64.store": mem(0x39, 3),
  "i32.const": { code: 0x41, imm: "i32" },
  "f64.const": { code: 0x44, imm: "f64" },
  "i32.eqz": none(0x45),
  "i32.eq": none(0x46),
  "i32.ne": none(0x47),
  "i32.lt_s": none(0x48),
  "i32.lt_u": none(0x49),
  "i32.gt_s": none(0x4a),
  "i32.gt_u": none(0x4b),
  "i32.le_s": none(0x4c),
  "i32.le_u": none(0x4d),
  "i32.ge_s": none(0x4e),
  "i32.ge_u": none(0x4f),
  "f64.eq": none(0x61),
  "f64.ne": none(0x62),
  "f64.lt": none(0x63),
  "f64.gt": none(0x64),
  "f64.le": none(0x65),
  "f64.ge": none(0x66),
  "i32.add": none(0x6a),
  "i32.sub": none(0x6b),
  "i32.mul": none(0x6c),
  "i32.and": none(0x71),
  "i32.or": none(0x72),
  "i32.xor": none(0x73),
  "i32.shl": none(0x74),
  "i32.shr_s": none(0x75),
  "i32.shr_u": none(0x76),
  "i32.rotl": none(0x77),
  "f32.add": none(0x92),
  "f32.sub": none(0x93),
  "f32.mul": none(0x94),
  "f64.sqrt": none(0x9f),
  "f64.add": none(0xa0),
  "f64.sub": none(0xa1),
  "f64.mul": none(0xa2),
  "f64.div": none(0xa3),
  "f64.min": none(0xa4),
  "f64.max": none(0xa5),
  "i32.trunc_f64_u": none(0xab),
  "f32.demote_f64": none(0xb6),
  "f64.convert_i32_s": none(0xb7),
  "f64.promote_f32": none(0xbb),
  "v128.load": simdMem(0x00, 4),
  "v128.load64_splat": simdMem(0x0a, 3),
  "v128.store": simdMem(0x0b, 4),
  "i32x4.splat": simd(0x11),
  "f32x4.splat": simd(0x13),
  "f64x2.splat": simd(0x14),
  "i32x4.extract_lane": simdLane(0x1b),
  "f32x4.extract_lane": simdLane(0x1f),
  "f64x2.extract_lane": simdLane(0x21),
  "i32x4.le_u": simd(0x3e),
  "f32x4.le": simd(0x45),
  "i32x4.bitmask": simd(0xa4),
  "i16x8.sub": simd(0x91),
  "i32x4.add": simd(0xae),
  "i32x4.min_u": simd(0xb7),
  "i32x4.dot_i16x8_s": simd(0xba),
  "f32x4.add": simd(0xe4),
  "f32x4.sub": simd(0xe5),
  "f32x4.mul": simd(0xe6),
  "f64x2.add": simd(0xf0),
  "f64x2.sub": simd(0xf1),
  "f64x2.mul": simd(0xf2),
  "f64x2.max": simd(0xf5),
  "f64x2.pmax": simd(0xf7),
} as const satisfies Record<string, OpSpec>;

/** An instruction name. */
export type OpName = keyof typeof OPCODES;

/** Instructions without immediates, which code may write as a bare name. */
export type PlainOp = {
  [K in OpName]: (typeof OPCODES)[K]["imm"] extends "none" ? K : never;
}[OpName];

/** The SIMD prefix byte. */
export const SIMD_PREFIX = 0xfd;

/** Instruction names by opcode: `core[code]`, `simd[code]`. */
export function opcodeNames(): { core: Map<number, OpName>; simd: Map<number, OpName> } {
  const core = new Map<number, OpName>();
  const simdOps = new Map<number, OpName>();
  for (const [name, spec] of Object.entries(OPCODES) as [OpName, OpSpec][])
    ((spec.simd ? simdOps : core) as Map<number, OpName>).set(spec.code, name);
  return { core, simd: simdOps };
}
