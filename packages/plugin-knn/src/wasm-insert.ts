import { wasm } from "@colorize/compute";
import type { SlotLayout } from "./kernel-abi.js";
import { addr, minus1 } from "./wasm-exprs.js";

const { block, br, brIf, get, gget, gset, i32c, if_, loop, mem, set, tee } = wasm;

/**
 * `insert(d, idx)`: the search kernel's sorted best list (KdSearcher.insert in kd-search.ts, step
 * for step). Inserts (distance d, training row idx) into the slot's `bestD` / `bestI`, ordered by
 * distance then row; returns 0 when it does not belong there (the caller then stops expanding
 * that group, whose later members have larger rows). Once the list is full, `kth` is its last
 * distance.
 */
export function insertFunction(slot: SlotLayout): wasm.FuncDef {
  const bestD = (i: wasm.Code) => addr(get("bd"), i, 3);
  const bestI = (i: wasm.Code) => addr(get("bi"), i, 2);
  const last = minus1(get("k"));
  const before = minus1(get("p"));
  return {
    name: "insert",
    params: { d: "f64", idx: "i32" },
    result: "i32",
    locals: { p: "i32", bd: "i32", bi: "i32", k: "i32", t: "f64" },
    body: [
      [gget("slot"), i32c(slot.bestD), "i32.add", set("bd")],
      [gget("slot"), i32c(slot.bestI), "i32.add", set("bi")],
      [gget("k"), set("k")],
      [gget("filled"), get("k"), "i32.lt_s"],
      if_(
        [gget("filled"), set("p"), gget("filled"), i32c(1), "i32.add", gset("filled")],
        [
          [bestD(last), mem("f64.load"), set("t")],
          [get("d"), get("t"), "f64.gt", if_([i32c(0), "return"])],
          [get("d"), get("t"), "f64.eq", get("idx"), bestI(last), mem("i32.load"), "i32.gt_s", "i32.and"],
          if_([i32c(0), "return"]),
          [last, set("p")],
        ],
      ),
      // Shift larger (distance, row) pairs up one place.
      block(
        "placed",
        loop(
          "shift",
          [get("p"), i32c(0), "i32.le_s", brIf("placed")],
          [bestD(before), mem("f64.load"), tee("t"), get("d"), "f64.gt"],
          [get("t"), get("d"), "f64.eq", bestI(before), mem("i32.load"), get("idx"), "i32.gt_s", "i32.and"],
          ["i32.or", "i32.eqz", brIf("placed")],
          [bestD(get("p")), get("t"), mem("f64.store")],
          [bestI(get("p")), bestI(before), mem("i32.load"), mem("i32.store")],
          [before, set("p")],
          br("shift"),
        ),
      ),
      [bestD(get("p")), get("d"), mem("f64.store")],
      [bestI(get("p")), get("idx"), mem("i32.store")],
      [gget("filled"), get("k"), "i32.eq", if_([bestD(last), mem("f64.load"), gset("kth")])],
      i32c(1),
    ],
  };
}
