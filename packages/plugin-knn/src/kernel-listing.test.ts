import { readFileSync } from "node:fs";
import { wasm } from "@colorize/compute";
import { describe, expect, it } from "vitest";
import { FILTER_ALL, FILTER_CAP, PRUNE_SLACK } from "./exactness.js";
import { slotLayout } from "./kernel-memory.js";
import { scanModuleBytes } from "./wasm-scan.js";
import { searchModuleBytes } from "./wasm-search.js";

// The basic agent's case: 3x3 patches, leaves of up to 128 rows. The listings are generated from
// the module bytes and committed (listings/*.wat), so every change to a kernel reviews as a diff
// of instructions; after an intended change, refresh them with `pnpm exec vitest run -u`.
const slot = slotLayout(9, 128);
const LISTINGS = {
  scan: { file: "./listings/scan.wat", bytes: () => scanModuleBytes(slot) },
  search: { file: "./listings/search.wat", bytes: () => searchModuleBytes(slot) },
};
const committed = (file: string) => readFileSync(new URL(file, import.meta.url), "utf8");

describe("the kernels' listings", () => {
  for (const [name, { file, bytes }] of Object.entries(LISTINGS)) {
    it(`${name}: the module validates and its listing is the committed one`, async () => {
      expect(wasm.wasmApi()?.validate(bytes())).toBe(true);
      await expect(wasm.disassemble(bytes())).toMatchFileSnapshot(file);
    });
  }

  it("shows a change of one instruction as a change of one line", () => {
    const bytes = LISTINGS.search.bytes();
    const insert = wasm.decodeModule(bytes).funcs.find((f) => f.name === "insert")!;
    const gt = insert.body.find((ins) => ins.op === "f64.gt")!;
    const patched = Uint8Array.from(bytes);
    expect(patched[gt.offset]).toBe(wasm.OPCODES["f64.gt"].code);
    patched[gt.offset] = wasm.OPCODES["f64.ge"].code;
    // Still a valid module: only the listing shows that ties would now be dropped.
    expect(wasm.wasmApi()?.validate(patched)).toBe(true);
    const before = committed(LISTINGS.search.file).split("\n");
    const after = wasm.disassemble(patched).split("\n");
    expect(after.length).toBe(before.length);
    const changed = after.flatMap((line, i) => (line === before[i] ? [] : [[before[i], line]]));
    expect(changed).toEqual([["      f64.gt", "      f64.ge"]]);
  });

  it("uses exactly the float constants of exactness.ts (no copies)", () => {
    const constants = new Set<number>();
    for (const f of wasm.decodeModule(LISTINGS.search.bytes()).funcs)
      for (const ins of f.body) if (ins.op === "f64.const") constants.add(ins.imm[0]);
    expect([...constants].sort((a, b) => a - b)).toEqual(
      [0, PRUNE_SLACK, FILTER_CAP, FILTER_ALL, Number.POSITIVE_INFINITY].sort((a, b) => a - b),
    );
  });
});
