import { wasm } from "@colorize/compute";
import { NODE_BYTES, NODE_FIELDS } from "./kernel-abi.js";

/** Expressions that read the tree's node records and boxes (kernel-abi.ts) in the search kernel. */

const { gget, i32c, mem } = wasm;

/** The address of node `node`'s record (an i32 expression). */
const nodeAddress = (node: wasm.Code): wasm.Code => [
  gget("nodes"),
  node,
  i32c(Math.log2(NODE_BYTES)),
  "i32.shl",
  "i32.add",
];

/** Field `field` of node `node` (an i32 expression), an int32 one. */
export const nodeField = (node: wasm.Code, field: "left" | "right" | "axis" | "begin" | "end"): wasm.Code => [
  nodeAddress(node),
  mem("i32.load", NODE_FIELDS[field]),
];

/** Field `field` of node `node` (an i32 expression), a float64 one. */
export const nodeInterval = (node: wasm.Code, field: "loL" | "hiL" | "loR" | "hiR"): wasm.Code => [
  nodeAddress(node),
  mem("f64.load", NODE_FIELDS[field]),
];
