import { wasm } from "@colorize/compute";
import { blockBytes, type SlotLayout } from "./kernel-abi.js";
import { addSquare } from "./wasm-exprs.js";

const { f64c, get, gget, i32c, mem, set } = wasm;

/** Address of the block of four rows holding position `p` (an i32 expression). */
export const blockOf = (dim: number, p: wasm.Code): wasm.Code => [
  gget("rows"),
  p,
  i32c(2),
  "i32.shr_u",
  i32c(blockBytes(dim)),
  "i32.mul",
  "i32.add",
];

/**
 * `distance(p)`: the exact squared distance from the slot's query to the row at position `p`, from
 * the int16 blocks (exact integers less the tree's centre, as is the slot's float64 query): every
 * difference is an exact float64, and so are its square and the sum (below 2^53).
 */
export function distanceFunction(slot: SlotLayout): wasm.FuncDef {
  const { dim } = slot;
  const axes = Array.from({ length: dim }, (_, j) => j);
  return {
    name: "distance",
    params: { p: "i32" },
    result: "f64",
    locals: { o: "i32", d: "f64", t: "f64" },
    body: [
      // o = rows + (p >> 2) * stride + (p & 3) * 4: value 0 of row p; value j is at
      // (j >> 1) * 16 + (j & 1) * 2 from there.
      [blockOf(dim, get("p")), get("p"), i32c(3), "i32.and", i32c(2), "i32.shl", "i32.add", set("o")],
      [f64c(0), set("d")],
      axes.map((j) => {
        const diff: wasm.Code = [
          gget("slot"),
          mem("f64.load", slot.query + j * 8),
          get("o"),
          mem("i32.load16_s", (j >> 1) * 16 + (j & 1) * 2),
          "f64.convert_i32_s",
          "f64.sub",
        ];
        return addSquare("d", diff, "t");
      }),
      get("d"),
    ],
  };
}
