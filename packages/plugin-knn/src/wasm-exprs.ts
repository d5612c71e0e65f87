import { wasm } from "@colorize/compute";

/** Expression helpers shared by the search kernel's functions (each returns code). */

const { f64c, i32c } = wasm;

/** Address `base + index * 2^shift`, from two i32 expressions. */
export const addr = (base: wasm.Code, index: wasm.Code, shift: number): wasm.Code => [
  base,
  index,
  i32c(shift),
  "i32.shl",
  "i32.add",
];

/** `index - 1`, from an i32 expression. */
export const minus1 = (index: wasm.Code): wasm.Code => [index, i32c(1), "i32.sub"];

/** `max(lo - v, v - hi, 0)`: the distance from v to [lo, hi], from three f64 expressions. */
export const gap = (lo: wasm.Code, v: wasm.Code, hi: wasm.Code): wasm.Code => [
  lo,
  v,
  "f64.sub",
  v,
  hi,
  "f64.sub",
  "f64.max",
  f64c(0),
  "f64.max",
];

/** `local += value * value`, for an f64 local and an f64 expression held in local `tmp`. */
export const addSquare = (local: string, value: wasm.Code, tmp: string): wasm.Code => [
  value,
  wasm.tee(tmp),
  wasm.get(tmp),
  "f64.mul",
  wasm.get(local),
  "f64.add",
  wasm.set(local),
];
