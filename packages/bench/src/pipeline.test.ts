import { createRng } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { centreCrop, runBasicAgent } from "./pipeline.js";

function image(width: number, height: number) {
  const rng = createRng(1);
  const data = new Uint8Array(width * height * 3).map((_, i) => ((i % 3) * 80 + rng.int(60)) % 256);
  return { width, height, data };
}

describe("the benchmark pipeline", () => {
  it("crops the centre of an image", () => {
    const img = { width: 4, height: 3, data: Uint8Array.from({ length: 36 }, (_, i) => i) };
    const c = centreCrop(img, 2);
    expect([c.width, c.height]).toEqual([2, 2]);
    expect(Array.from(c.data)).toEqual([3, 4, 5, 6, 7, 8, 15, 16, 17, 18, 19, 20]);
  });

  it("runs the basic agent stage by stage and agrees with brute force on its spot check", async () => {
    const r = await runBasicAgent(image(40, 24), { threads: 1, check: 500 });
    expect(r.checked).toBe(20 * 24);
    expect(r.mismatches).toBe(0);
    expect(r.backend).toMatch(/kd-tree x1 thread$/);
    for (const s of Object.values(r.seconds)) expect(s).toBeGreaterThanOrEqual(0);
  });
});
