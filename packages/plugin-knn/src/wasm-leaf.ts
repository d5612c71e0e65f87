import { wasm } from "@colorize/compute";
import { FILTER_OFFSET, FILTER_SCALE, PRUNE_SLACK } from "./exactness.js";
import { blockBytes, type SlotLayout } from "./kernel-abi.js";
import { addr, addSquare, gap } from "./wasm-exprs.js";

const { block, br, brIf, call, f64c, get, gget, i32c, if_, loop, mem, set } = wasm;

/**
 * `leaf(node)`: one leaf of the search kernel (KdSearcher.visit's leaf case, boxBound and
 * scanSimd in kd-search.ts). Skips the leaf when its full box is farther than the k-th distance
 * plus the pruning slack; else filters its rows with `scan` at the float32 threshold of
 * exactness.ts, computes each survivor's exact float64 distance from the float32 blocks (they hold
 * the exact integers), and inserts every member of each survivor's group, in ascending order,
 * until one does not belong in the best list.
 */
export function leafFunction(slot: SlotLayout): wasm.FuncDef {
  const { dim } = slot;
  const stride = blockBytes(dim);
  const axes = Array.from({ length: dim }, (_, j) => j);
  /** Address of the block of four rows holding position `p`. */
  const blockOf = (p: wasm.Code): wasm.Code => [
    gget("rows"),
    p,
    i32c(2),
    "i32.shr_u",
    i32c(stride),
    "i32.mul",
    "i32.add",
  ];
  const box = (g: string, j: number): wasm.Code => [gget(g), get("bo"), "i32.add", mem("f64.load", j * 8)];
  return {
    name: "leaf",
    params: { node: "i32" },
    locals: {
      lb: "f64",
      v: "f64",
      d: "f64",
      t: "f64",
      from: "i32",
      to: "i32",
      n: "i32",
      i: "i32",
      p: "i32",
      o: "i32",
      m: "i32",
      e: "i32",
      bo: "i32",
      g: "i32",
    },
    body: [
      // The squared distance from the rotated query to the leaf's box.
      [get("node"), i32c(dim * 8), "i32.mul", set("bo")],
      [f64c(0), set("lb")],
      axes.map((j) => [
        [gget("slot"), mem("f64.load", slot.rotated + j * 8), set("v")],
        addSquare("lb", gap(box("boxLo", j), get("v"), box("boxHi", j)), "t"),
      ]),
      [get("lb"), gget("kth"), f64c(PRUNE_SLACK), "f64.add", "f64.gt", if_("return")],
      [addr(gget("begin"), get("node"), 2), mem("i32.load"), set("from")],
      [addr(gget("end"), get("node"), 2), mem("i32.load"), set("to")],
      // scan(slot, first block, end block, float32 threshold, first position)
      [gget("slot"), blockOf(get("from")), blockOf([get("to"), i32c(3), "i32.add"])],
      [gget("kth"), f64c(FILTER_SCALE), "f64.mul", f64c(FILTER_OFFSET), "f64.add", "f32.demote_f64"],
      [get("from"), call("scan"), set("n")],
      [i32c(0), set("i")],
      block(
        "survivors",
        loop(
          "survivor",
          [get("i"), get("n"), "i32.ge_s", brIf("survivors")],
          [addr(gget("slot"), get("i"), 2), mem("i32.load", slot.survivors), set("p")],
          // o = rows + (p >> 2) * stride + (p & 3) * 4: value 0 of row p; value j is 16 j further.
          [blockOf(get("p")), get("p"), i32c(3), "i32.and", i32c(2), "i32.shl", "i32.add", set("o")],
          [f64c(0), set("d")],
          axes.map((j) => {
            const diff: wasm.Code = [
              gget("slot"),
              mem("f64.load", slot.query + j * 8),
              get("o"),
              mem("f32.load", j * 16),
            ];
            return addSquare("d", [diff, "f64.promote_f32", "f64.sub"], "t");
          }),
          [get("d"), gget("kth"), "f64.le"],
          if_([
            [addr(gget("group"), get("p"), 2), mem("i32.load"), set("g")],
            [addr(gget("start"), get("g"), 2), mem("i32.load"), set("m")],
            [addr(gget("start"), get("g"), 2), mem("i32.load", 4), set("e")],
            block(
              "members",
              loop(
                "member",
                [get("m"), get("e"), "i32.ge_s", brIf("members")],
                [get("d"), addr(gget("members"), get("m"), 2), mem("i32.load"), call("insert"), "i32.eqz"],
                brIf("members"),
                [get("m"), i32c(1), "i32.add", set("m"), br("member")],
              ),
            ),
          ]),
          [get("i"), i32c(1), "i32.add", set("i"), br("survivor")],
        ),
      ),
    ],
  };
}
