import { describe, expect, it } from "vitest";
import { assemble, type ModuleDef } from "./assemble.js";
import { block, br, brIf, call, f64c, get, gget, gset, i32c, if_, loop, mem, op, set, tee } from "./code.js";
import { decodeModule } from "./decode.js";
import { disassemble } from "./listing.js";
import { wasmApi } from "./runtime.js";

const api = wasmApi()!;

interface Tiny {
  memory: { buffer: ArrayBuffer };
  sumSquares(from: number, to: number): number;
  twice(from: number, to: number): number;
  lanesAtMost(at: number, threshold: number): number;
  calls(): number;
  trap(): void;
}

/** Sums of squares of float64 arrays, a SIMD comparison and a global counter: small enough to list by hand. */
const TINY: ModuleDef = {
  memory: { min: 1, export: "memory" },
  globals: { count: { type: "i32" } },
  funcs: [
    {
      name: "sumSquares",
      params: { from: "i32", to: "i32" },
      result: "f64",
      locals: { acc: "f64", v: "f64" },
      body: [
        gget("count"),
        i32c(1),
        "i32.add",
        gset("count"),
        block(
          "done",
          loop(
            "next",
            [get("from"), get("to"), "i32.ge_u", brIf("done")],
            [get("from"), mem("f64.load"), tee("v"), get("v"), "f64.mul", get("acc"), "f64.add", set("acc")],
            [get("from"), i32c(8), "i32.add", set("from"), br("next")],
          ),
        ),
        get("acc"),
      ],
    },
    {
      name: "twice",
      params: { from: "i32", to: "i32" },
      result: "f64",
      body: [get("from"), get("to"), call("sumSquares"), f64c(2), "f64.mul"],
    },
    {
      name: "lanesAtMost",
      params: { at: "i32", threshold: "f32" },
      result: "i32",
      body: [get("at"), mem("v128.load", 16), get("threshold"), "f32x4.splat", "f32x4.le", "i32x4.bitmask"],
    },
    { name: "calls", result: "i32", body: gget("count") },
    { name: "trap", body: [i32c(1), if_("unreachable", "nop")] },
  ],
  exports: ["sumSquares", "twice", "lanesAtMost", "calls", "trap"],
};

const LISTING = `(module
  (memory 1)
  (global $count (mut i32) (i32.const 0))
  (export "memory" (memory 0))
  (func $sumSquares (export "sumSquares") (param $from i32) (param $to i32) (result f64)
    (local $acc f64)
    (local $v f64)
    global.get $count
    i32.const 1
    i32.add
    global.set $count
    block $done
      loop $next
        local.get $from
        local.get $to
        i32.ge_u
        br_if $done
        local.get $from
        f64.load
        local.tee $v
        local.get $v
        f64.mul
        local.get $acc
        f64.add
        local.set $acc
        local.get $from
        i32.const 8
        i32.add
        local.set $from
        br $next
      end $next
    end $done
    local.get $acc
  )
  (func $twice (export "twice") (param $from i32) (param $to i32) (result f64)
    local.get $from
    local.get $to
    call $sumSquares
    f64.const 2
    f64.mul
  )
  (func $lanesAtMost (export "lanesAtMost") (param $at i32) (param $threshold f32) (result i32)
    local.get $at
    v128.load offset=16
    local.get $threshold
    f32x4.splat
    f32x4.le
    i32x4.bitmask
  )
  (func $calls (export "calls") (result i32)
    global.get $count
  )
  (func $trap (export "trap")
    i32.const 1
    if
      unreachable
    else
      nop
    end
  )
)
`;

describe("the WebAssembly assembler", () => {
  const bytes = assemble(TINY);

  it("writes a module the runtime validates, and that computes what it says", () => {
    expect(api.validate(bytes)).toBe(true);
    const tiny = new api.Instance(new api.Module(bytes), {}).exports as unknown as Tiny;
    const f64 = new Float64Array(tiny.memory.buffer);
    f64.set([3, -4, 0.5, 12], 0);
    expect(tiny.sumSquares(0, 16)).toBe(25);
    expect(tiny.sumSquares(8, 32)).toBe(16 + 0.25 + 144);
    expect(tiny.sumSquares(16, 16)).toBe(0);
    expect(tiny.twice(0, 8)).toBe(18);
    expect(tiny.calls()).toBe(4);
    new Float32Array(tiny.memory.buffer, 100 + 16, 4).set([1, 5, 2.5, -7]);
    // Lanes 0, 2 and 3 are <= 2.5: bits 0b1101.
    expect(tiny.lanesAtMost(100, 2.5)).toBe(0b1101);
    expect(tiny.lanesAtMost(100, -8)).toBe(0);
  });

  it("names its functions in a standard name section (the runtime's stack traces use it)", () => {
    const tiny = new api.Instance(new api.Module(bytes), {}).exports as unknown as Tiny;
    let stack = "";
    try {
      tiny.trap();
    } catch (e) {
      stack = (e as Error).stack ?? "";
    }
    expect(stack).toMatch(/at trap \(wasm:/);
  });

  it("lists the module from its bytes, one instruction a line, with every name", () => {
    expect(disassemble(bytes)).toBe(LISTING);
  });

  it("refuses unknown names, misplaced immediates and unbalanced blocks, naming the function", () => {
    const one = (body: ModuleDef["funcs"][number]["body"]) =>
      assemble({ funcs: [{ name: "f", params: { a: "i32" }, body }] });
    expect(() => one([get("b"), "drop"])).toThrow(/function "f": unknown local "b"/);
    expect(() => one([gget("g"), "drop"])).toThrow(/unknown global "g"/);
    expect(() => one(call("g"))).toThrow(/unknown function "g"/);
    expect(() => one(block("x", br("y")))).toThrow(/no enclosing label "y"/);
    expect(() => one([op("block"), "nop"])).toThrow(/1 block\(s\) left open/);
    expect(() => one("end")).toThrow(/end without a block/);
    expect(() => one(op("i32.add", 1))).toThrow(/i32.add takes 0 immediate/);
    expect(() => assemble({ funcs: [{ name: "f", params: { 0: "i32" }, body: [] }] })).toThrow(
      /must not be an integer/,
    );
    expect(() => assemble({ funcs: [], exports: ["g"] })).toThrow(/unknown function "g"/);
  });

  it("resolves a label to the innermost enclosing block of that name", () => {
    const bytesOf = assemble({
      funcs: [{ name: "f", body: block("a", block("b", block("a", br("a"), br("b")))) }],
    });
    const text = disassemble(bytesOf);
    expect(text).toContain("        block $a\n          br $a\n          br $b\n");
    // br 0 and br 1: the inner $a, then $b.
    const code = Array.from(bytesOf);
    const at = code.indexOf(0x0c);
    expect(code.slice(at, at + 4)).toEqual([0x0c, 0, 0x0c, 1]);
  });
});

describe("the WebAssembly disassembler", () => {
  it("refuses an opcode outside its table, naming the byte", () => {
    const bytes = assemble({ funcs: [{ name: "f", body: "nop" }] });
    const patched = Uint8Array.from(bytes);
    const nop = decodeModule(bytes).funcs[0].body[0];
    expect(nop.op).toBe("nop");
    patched[nop.offset] = 0xc4; // i64.extend32_s: valid, but not one we list
    expect(() => disassemble(patched)).toThrow(new RegExp(`unknown opcode 0xc4 at byte ${nop.offset}`));
  });
});
