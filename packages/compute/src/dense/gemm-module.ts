import { assemble } from "../wasm/assemble.js";
import type { FuncDef } from "../wasm/body.js";
import { block, br, brIf, type Code, call, f64c, get, i32c, if_, loop, mem, set } from "../wasm/code.js";

/**
 * A float64 matrix product in WebAssembly SIMD: C (m x n) = A (m x k) B (k x n), all row-major in
 * one linear memory. Tiles of 4 x 4 outputs (two f64x2 vectors per row) are accumulated in
 * registers; columns left over take tiles of 2 (one vector) and 1 (a scalar), rows left over
 * tiles of one row. Every output is its own sum, `0 + a0 b0 + a1 b1 + ...` in order of the inner
 * index, with a multiply and an add rounded apart (WebAssembly has no fused multiply-add), which
 * is exactly how the plain loops of core's `gemmNT` sum: the products are equal bit for bit.
 */

/** Rows of the tiles: 4, then single rows for what is left. */
const TILE_ROWS = [4, 1] as const;
/** Columns of the tiles: 4 (two vectors), 2 (one vector), 1 (a scalar). */
const TILE_COLS = [4, 2, 1] as const;

const tileName = (rows: number, cols: number) => `tile${rows}x${cols}`;

/** `local += 1 << shift` style updates: local = local + expr. */
const addTo = (local: string, amount: Code): Code => [get(local), amount, "i32.add", set(local)];

/**
 * One tile: `rows` x `cols` outputs at C address `c` from A rows at `a` and B columns at `b`
 * (byte addresses), with inner dimension `k` and `n` columns per row of B and C.
 */
function tile(rows: number, cols: number): FuncDef {
  const vectors = cols >> 1;
  const scalar = cols === 1;
  const lanes = scalar ? 1 : vectors;
  const acc = (r: number, v: number) => `acc${r}${v}`;
  const rowPtr = (r: number) => `a${r}`;
  const locals: Record<string, "i32" | "f64" | "v128"> = { ks: "i32", ns: "i32", end: "i32", pb: "i32" };
  for (let r = 0; r < rows; r++) locals[rowPtr(r)] = "i32";
  const wide = scalar ? "f64" : "v128";
  for (let r = 0; r < rows; r++) for (let v = 0; v < lanes; v++) locals[acc(r, v)] = wide;
  for (let v = 0; v < lanes; v++) locals[`b${v}`] = wide;
  locals.av = wide;

  const setup: Code[] = [
    [get("k"), i32c(3), "i32.shl", set("ks")],
    [get("n"), i32c(3), "i32.shl", set("ns")],
    [get("a"), set(rowPtr(0))],
  ];
  for (let r = 1; r < rows; r++) setup.push([get(rowPtr(r - 1)), get("ks"), "i32.add", set(rowPtr(r))]);
  for (let r = 0; r < rows; r++)
    for (let v = 0; v < lanes; v++)
      setup.push(scalar ? [f64c(0), set(acc(r, v))] : [f64c(0), "f64x2.splat", set(acc(r, v))]);
  setup.push([get("a"), get("ks"), "i32.add", set("end")], [get("b"), set("pb")]);

  const step: Code[] = [[get(rowPtr(0)), get("end"), "i32.ge_u", brIf("done")]];
  for (let v = 0; v < lanes; v++)
    step.push([get("pb"), scalar ? mem("f64.load") : mem("v128.load", 16 * v), set(`b${v}`)]);
  for (let r = 0; r < rows; r++) {
    step.push([get(rowPtr(r)), scalar ? mem("f64.load") : mem("v128.load64_splat"), set("av")]);
    for (let v = 0; v < lanes; v++) {
      const [mul, add] = scalar ? ["f64.mul", "f64.add"] : ["f64x2.mul", "f64x2.add"];
      step.push([get(acc(r, v)), get("av"), get(`b${v}`), mul as Code, add as Code, set(acc(r, v))]);
    }
  }
  for (let r = 0; r < rows; r++) step.push(addTo(rowPtr(r), i32c(8)));
  step.push(addTo("pb", get("ns")), br("next"));

  const store: Code[] = [];
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < lanes; v++) {
      store.push([get("c"), get(acc(r, v)), scalar ? mem("f64.store") : mem("v128.store", 16 * v)]);
    }
    store.push(addTo("c", get("ns")));
  }
  return {
    name: tileName(rows, cols),
    params: { a: "i32", b: "i32", c: "i32", k: "i32", n: "i32" },
    locals,
    body: [setup, block("done", loop("next", step)), store],
  };
}

/** The tiles of one band of `rows` rows across all n columns, at A row `arow` and C row `crow`. */
function columns(rows: number): Code {
  const at = (base: string): Code => [get(base), get("j"), i32c(3), "i32.shl", "i32.add"];
  const run = (cols: number): Code => [
    get("arow"),
    at("b"),
    at("crow"),
    get("k"),
    get("n"),
    call(tileName(rows, cols)),
  ];
  return [
    [i32c(0), set("j")],
    block(
      `cols${rows}done`,
      loop(
        `cols${rows}`,
        [get("j"), i32c(4), "i32.add", get("n"), "i32.gt_s", brIf(`cols${rows}done`)],
        run(4),
        addTo("j", i32c(4)),
        br(`cols${rows}`),
      ),
    ),
    [get("n"), get("j"), "i32.sub", i32c(2), "i32.ge_s", if_([run(2), addTo("j", i32c(2))])],
    [get("j"), get("n"), "i32.lt_s", if_(run(1))],
  ];
}

/** gemm(m, n, k, a, b, c): C = A B at byte addresses a, b, c; C is overwritten. */
function gemm(): FuncDef {
  return {
    name: "gemm",
    params: { m: "i32", n: "i32", k: "i32", a: "i32", b: "i32", c: "i32" },
    locals: { i: "i32", j: "i32", ks: "i32", ns: "i32", arow: "i32", crow: "i32" },
    body: [
      [get("k"), i32c(3), "i32.shl", set("ks")],
      [get("n"), i32c(3), "i32.shl", set("ns")],
      [get("a"), set("arow"), get("c"), set("crow"), i32c(0), set("i")],
      block(
        "rows4done",
        loop(
          "rows4",
          [get("i"), i32c(4), "i32.add", get("m"), "i32.gt_s", brIf("rows4done")],
          columns(4),
          addTo("i", i32c(4)),
          addTo("arow", [get("ks"), i32c(2), "i32.shl"]),
          addTo("crow", [get("ns"), i32c(2), "i32.shl"]),
          br("rows4"),
        ),
      ),
      block(
        "rows1done",
        loop(
          "rows1",
          [get("i"), get("m"), "i32.ge_s", brIf("rows1done")],
          columns(1),
          addTo("i", i32c(1)),
          addTo("arow", get("ks")),
          addTo("crow", get("ns")),
          br("rows1"),
        ),
      ),
    ],
  };
}

/**
 * bias(c, bias, m, n) / biasRelu(...): every row of C (m x n at byte address c) plus the n
 * biases at `bias`, f64x2 then a scalar for an odd column; biasRelu then sets each value below 0
 * to 0 (`pmax(x, 0)`: x < 0 ? 0 : x, so -0 stays -0), exactly as core's loops do.
 */
function biasPass(relu: boolean): FuncDef {
  const rowEnd: Code = [get("p"), get("ns"), "i32.add", set("rend")];
  const vec: Code = [
    get("p"),
    get("p"),
    mem("v128.load"),
    get("q"),
    mem("v128.load"),
    "f64x2.add",
    relu ? [f64c(0), "f64x2.splat", "f64x2.pmax"] : [],
    mem("v128.store"),
  ];
  const scalar: Code = [
    get("p"),
    mem("f64.load"),
    get("q"),
    mem("f64.load"),
    "f64.add",
    set("x"),
    relu ? [get("x"), f64c(0), "f64.lt", if_([f64c(0), set("x")])] : [],
    get("p"),
    get("x"),
    mem("f64.store"),
  ];
  return {
    name: relu ? "biasRelu" : "bias",
    params: { c: "i32", bias: "i32", m: "i32", n: "i32" },
    locals: { p: "i32", q: "i32", ns: "i32", end: "i32", rend: "i32", x: "f64" },
    body: [
      [get("n"), i32c(3), "i32.shl", set("ns")],
      [get("c"), set("p"), get("c"), get("ns"), get("m"), "i32.mul", "i32.add", set("end")],
      block(
        "rowsdone",
        loop(
          "rows",
          [get("p"), get("end"), "i32.ge_u", brIf("rowsdone")],
          rowEnd,
          [get("bias"), set("q")],
          block(
            "vecdone",
            loop(
              "vec",
              [get("p"), i32c(16), "i32.add", get("rend"), "i32.gt_u", brIf("vecdone")],
              vec,
              addTo("p", i32c(16)),
              addTo("q", i32c(16)),
              br("vec"),
            ),
          ),
          [get("p"), get("rend"), "i32.lt_u", if_([scalar, addTo("p", i32c(8))])],
          br("rows"),
        ),
      ),
    ],
  };
}

/** Name of the imported memory: `env.memory`. */
export const GEMM_MEMORY = ["env", "memory"] as const;

/** The module's bytes: `gemm` and its tiles, `bias` and `biasRelu`, over an imported memory of at least `pages` pages. */
export function gemmModuleBytes(pages = 1): Uint8Array {
  const tiles = TILE_ROWS.flatMap((r) => TILE_COLS.map((c) => tile(r, c)));
  return assemble({
    memory: { min: pages, import: GEMM_MEMORY },
    funcs: [gemm(), biasPass(false), biasPass(true), ...tiles],
    exports: ["gemm", "bias", "biasRelu"],
  });
}
