import { wasm } from "@colorize/compute";
import { PRUNE_SLACK } from "./exactness.js";
import type { SlotLayout } from "./kernel-abi.js";
import { addr, gap } from "./wasm-exprs.js";
import { nodeField, nodeInterval } from "./wasm-tree.js";

const { call, f64c, get, gget, gset, i32c, if_, mem, set, tee } = wasm;

/**
 * `visit(node, bound)`: the search kernel's traversal (KdSearcher.visit in kd-search.ts, step for
 * step): a leaf goes to `leaf`; an inner node updates the bound on its split axis only (O(1)
 * per level, the Arya-Mount incremental distance) and visits the nearer child first, each child
 * only while its bound is within the k-th distance plus the pruning slack.
 */
export function visitFunction(slot: SlotLayout): wasm.FuncDef {
  const tryChild = (bound: string, gapOf: string, child: string): wasm.Code => [
    [get(bound), gget("kth"), f64c(PRUNE_SLACK), "f64.add", "f64.le"],
    if_([get("offp"), get(gapOf), mem("f64.store"), get(child), get(bound), call("visit")]),
  ];
  return {
    name: "visit",
    params: { node: "i32", bound: "f64" },
    locals: {
      l: "i32",
      r: "i32",
      a: "i32",
      offp: "i32",
      v: "f64",
      old: "f64",
      base: "f64",
      gl: "f64",
      gr: "f64",
      bl: "f64",
      br: "f64",
    },
    body: [
      [nodeField(get("node"), "left"), tee("l"), i32c(0), "i32.lt_s"],
      if_([get("node"), call("leaf"), "return"]),
      [nodeField(get("node"), "right"), set("r")],
      [nodeField(get("node"), "axis"), set("a")],
      [addr(gget("slot"), get("a"), 3), mem("f64.load", slot.rotated), set("v")],
      // offp: this axis's entry of the slot's offsets; old: its value on the way down.
      [addr(gget("slot"), get("a"), 3), i32c(slot.offsets), "i32.add", set("offp")],
      [get("offp"), mem("f64.load"), set("old")],
      [get("bound"), get("old"), get("old"), "f64.mul", "f64.sub", set("base")],
      [gap(nodeInterval(get("node"), "loL"), get("v"), nodeInterval(get("node"), "hiL")), set("gl")],
      [gap(nodeInterval(get("node"), "loR"), get("v"), nodeInterval(get("node"), "hiR")), set("gr")],
      [get("base"), get("gl"), get("gl"), "f64.mul", "f64.add", set("bl")],
      [get("base"), get("gr"), get("gr"), "f64.mul", "f64.add", set("br")],
      [get("bl"), get("br"), "f64.le"],
      if_(
        [tryChild("bl", "gl", "l"), tryChild("br", "gr", "r")],
        [tryChild("br", "gr", "r"), tryChild("bl", "gl", "l")],
      ),
      [get("offp"), get("old"), mem("f64.store")],
    ],
  };
}

/**
 * `search(slot)`: the search kernel's entry (KdSearcher.search in kd-search.ts). Empties the
 * slot's best list, computes the rotated query's offsets to the root's box and their sum of
 * squares, and visits the root.
 */
export function searchFunction(slot: SlotLayout): wasm.FuncDef {
  const axes = Array.from({ length: slot.dim }, (_, j) => j);
  return {
    name: "search",
    params: { slot: "i32" },
    locals: { bound: "f64", v: "f64", o: "f64" },
    body: [
      [get("slot"), gset("slot"), i32c(0), gset("filled"), f64c(Number.POSITIVE_INFINITY), gset("kth")],
      [f64c(0), set("bound")],
      axes.map((j) => [
        [get("slot"), mem("f64.load", slot.rotated + j * 8), set("v")],
        [
          gap([gget("root"), mem("f64.load", j * 16)], get("v"), [gget("root"), mem("f64.load", j * 16 + 8)]),
          set("o"),
        ],
        [get("slot"), get("o"), mem("f64.store", slot.offsets + j * 8)],
        [get("o"), get("o"), "f64.mul", get("bound"), "f64.add", set("bound")],
      ]),
      [i32c(0), get("bound"), call("visit")],
    ],
  };
}
