import { wasm } from "@colorize/compute";
import { describe, expect, it } from "vitest";
import { SLOTS } from "./kernel-abi.js";
import { kernelLayout, slotLayout } from "./kernel-memory.js";

describe("the search kernel's memory layout", () => {
  it("lays out a slot as worked by hand (rows of 9 values, leaves of up to 40)", () => {
    // splat: 5 pair vectors of 16 bytes = 80; 40 survivor pairs x 8 = 320 -> 400; the exact flag
    // -> 404, then 8-aligned at 408 three float64 vectors of 72; 256 best distances x 8 = 2048,
    // then 256 rows x 4 = 1024, ending at 3696 (already a multiple of 16).
    expect(slotLayout(9, 40)).toEqual({
      dim: 9,
      leafCap: 40,
      slotBytes: 3696,
      splat: 0,
      survivors: 80,
      exact: 400,
      query: 408,
      rotated: 480,
      offsets: 552,
      bestD: 624,
      bestI: 2672,
    });
    // Survivor room is rounded up to whole blocks of four.
    expect(slotLayout(9, 37).leafCap).toBe(40);
  });

  it("lays out a tree after the slots, each array aligned, as worked by hand", () => {
    // leafCap 5 -> 8 survivors: 80 + 64 = 144, flag to 148, query at 152, bestI at 2416, slot
    // ends at 3440; 16 slots end at 55040.
    const layout = kernelLayout({ dim: 9, leafCap: 5, nodeCount: 3, positions: 8, members: 10 });
    expect(layout.slot.slotBytes).toBe(3440);
    expect(layout.arrays).toEqual({
      nodes: 55040, // a multiple of 64; 3 records of 64
      root: 55232, // 9 axes x 16
      first: 55376, // 8 positions + 1, x 4
      members: 55412, // 10 x 4
      rows: 55456, // 55452 rounded up to 16; two blocks of 80
    });
    expect(layout.bytes).toBe(55616);
    expect(layout.regions[0]).toEqual({ name: "slots", offset: 0, bytes: SLOTS * 3440, align: 16 });
    expect(() => wasm.checkRegions(layout.regions, layout.bytes)).not.toThrow();
    expect(() => wasm.checkRegions(layout.regions, layout.bytes - 1)).toThrow(/region rows: ends at 55616/);
  });

  it("refuses positions that are not whole blocks of four", () => {
    expect(() => kernelLayout({ dim: 9, leafCap: 5, nodeCount: 3, positions: 6, members: 10 })).toThrow(
      /multiple of four/,
    );
  });
});
