import { wasm } from "@colorize/compute";
import { describe, expect, it } from "vitest";
import { SLOTS } from "./kernel-abi.js";
import { kernelLayout, slotLayout } from "./kernel-memory.js";

describe("the search kernel's memory layout", () => {
  it("lays out a slot as worked by hand (rows of 9 values, leaves of up to 40)", () => {
    // splat 9 x 16 = 144 bytes; 40 survivors x 4 = 160 -> 304; three float64 vectors of 72;
    // 256 best distances x 8 = 2048, then 256 rows x 4 = 1024, ending at 3592 -> 3600 (16-aligned).
    expect(slotLayout(9, 40)).toEqual({
      dim: 9,
      leafCap: 40,
      slotBytes: 3600,
      splat: 0,
      survivors: 144,
      query: 304,
      rotated: 376,
      offsets: 448,
      bestD: 520,
      bestI: 2568,
    });
    // Survivor room is rounded up to whole blocks of four.
    expect(slotLayout(9, 37).leafCap).toBe(40);
  });

  it("lays out a tree after the slots, each array aligned, as worked by hand", () => {
    // leafCap 5 -> 8 survivors: bestI at 2440, slot ends at 3464 -> 3472; 16 slots end at 55552.
    const layout = kernelLayout({ dim: 9, leafCap: 5, nodeCount: 3, positions: 8, starts: 7, members: 10 });
    expect(layout.slot.slotBytes).toBe(3472);
    expect(layout.arrays).toEqual({
      left: 55552,
      right: 55564,
      axis: 55576,
      begin: 55588,
      end: 55600,
      boxLo: 55616, // 55612 rounded up to 8
      boxHi: 55832, // + 3 nodes x 9 x 8
      group: 56048,
      start: 56080,
      members: 56108,
      rows: 56160, // 56148 rounded up to 16; two blocks of 144
    });
    expect(layout.bytes).toBe(56448);
    expect(layout.regions[0]).toEqual({ name: "slots", offset: 0, bytes: SLOTS * 3472, align: 16 });
    expect(() => wasm.checkRegions(layout.regions, layout.bytes)).not.toThrow();
    expect(() => wasm.checkRegions(layout.regions, layout.bytes - 1)).toThrow(/region rows: ends at 56448/);
  });

  it("refuses positions that are not whole blocks of four", () => {
    expect(() =>
      kernelLayout({ dim: 9, leafCap: 5, nodeCount: 3, positions: 6, starts: 7, members: 10 }),
    ).toThrow(/multiple of four/);
  });
});
