import { wasm } from "@colorize/compute";
import { FILTER_ALL, FILTER_CAP } from "./exactness.js";
import type { SlotLayout } from "./kernel-abi.js";
import { blockOf } from "./wasm-distance.js";
import { addr } from "./wasm-exprs.js";
import { nodeField } from "./wasm-tree.js";

const { block, br, brIf, call, f64c, get, gget, i32c, if_, loop, mem, set } = wasm;

/**
 * `leaf(node)`: one leaf of the search kernel (KdSearcher.scan and scanSimd in kd-search.ts).
 * Filters the leaf's rows with `scan` at the integer threshold of exactness.ts; takes each
 * survivor's exact distance from its filter sum where that is exact (see wasm-scan.ts), else
 * computes it from the int16 blocks; and, when it is within the k-th distance, inserts the
 * training rows equal to it, in ascending order, until one does not belong in the best list.
 * Positions that pad the leaf's last block have no training rows.
 */
export function leafFunction(slot: SlotLayout): wasm.FuncDef {
  const { dim } = slot;
  return {
    name: "leaf",
    params: { node: "i32" },
    locals: {
      d: "f64",
      from: "i32",
      to: "i32",
      n: "i32",
      i: "i32",
      p: "i32",
      at: "i32",
      s: "i32",
      m: "i32",
      e: "i32",
    },
    body: [
      [nodeField(get("node"), "begin"), set("from")],
      [nodeField(get("node"), "end"), set("to")],
      // scan(slot, first block, end block, filterThreshold(kth) as an unsigned integer, first position)
      [gget("slot"), blockOf(dim, get("from")), blockOf(dim, [get("to"), i32c(3), "i32.add"])],
      [gget("kth"), f64c(FILTER_ALL), "f64.min", "i32.trunc_f64_u", i32c(-1)],
      [gget("kth"), f64c(FILTER_CAP), "f64.lt", "select"],
      [get("from"), call("scan"), set("n")],
      [i32c(0), set("i")],
      block(
        "survivors",
        loop(
          "survivor",
          [get("i"), get("n"), "i32.ge_s", brIf("survivors")],
          [addr(gget("slot"), get("i"), 3), set("at")],
          [get("at"), mem("i32.load", slot.survivors), set("p")],
          // The filter sum is the exact distance when the query's sums are exact and it is below the cap.
          [get("at"), mem("i32.load", slot.survivors + 4), set("s")],
          [get("s"), i32c(FILTER_CAP), "i32.lt_u", gget("slot"), mem("i32.load", slot.exact), "i32.and"],
          if_([get("s"), "f64.convert_i32_s", set("d")], [get("p"), call("distance"), set("d")]),
          [get("d"), gget("kth"), "f64.le"],
          if_([
            [addr(gget("first"), get("p"), 2), mem("i32.load"), set("m")],
            [addr(gget("first"), get("p"), 2), mem("i32.load", 4), set("e")],
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
