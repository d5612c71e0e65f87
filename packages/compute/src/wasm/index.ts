export { assemble, encodeName, type GlobalDef, type MemoryDef, type ModuleDef } from "./assemble.js";
export type { FuncDef } from "./body.js";
export {
  block,
  br,
  brIf,
  type Code,
  call,
  f64c,
  get,
  gget,
  gset,
  type Instr,
  i32c,
  if_,
  loop,
  mem,
  op,
  set,
  tee,
  type ValType,
} from "./code.js";
export { type DecodedFunc, type DecodedInstr, type DecodedModule, decodeModule } from "./decode.js";
export { readSleb, readUleb, sleb, uleb } from "./leb128.js";
export { disassemble, listModule } from "./listing.js";
export { OPCODES, type OpName, type PlainOp } from "./opcodes.js";
export { alignUp, checkRegions, type Packed, packRegions, type Region, type RegionSpec } from "./regions.js";
export {
  compiledModule,
  MAX_PAGES,
  sharedMemory,
  type WasmApi,
  type WasmMemory,
  type WasmModule,
  wasmApi,
} from "./runtime.js";
