import { describe, expect, it } from "vitest";
import { getCompute, listBackends, registerBackend, unregisterBackend } from "./registry.js";

describe("the backend registry", () => {
  it("lists backends best first with a reason for each unavailable one", () => {
    const list = listBackends();
    for (let i = 1; i < list.length; i++) expect(list[i].priority).toBeLessThanOrEqual(list[i - 1].priority);
    for (const b of list) if (!b.available) expect(b.reason).toBeTruthy();
    expect(list.find((b) => b.name === "js")?.available).toBe(true);
  });

  it("auto picks the best backend that initialises and records the ones skipped", () => {
    const c = getCompute();
    const best = listBackends().find((b) => b.available)!;
    expect(c.name).toBe(best.name);
    for (const s of c.skipped) expect(s.reason).toBeTruthy();
  });

  it("falls back by priority when the preferred backend fails to initialise", async () => {
    registerBackend({
      name: "broken",
      priority: 1000,
      unavailable: () => undefined,
      create: () => {
        throw new Error("no device");
      },
    });
    try {
      const c = getCompute({ prefer: "broken" });
      expect(c.skipped[0]).toEqual({ name: "broken", reason: "no device" });
      expect(c.name).not.toBe("broken");
      const r = await c.matmul(new Float64Array([2]), new Float64Array([3]), 1, 1, 1);
      expect(r.data[0]).toBe(6);
      expect(r.backend).toBe(c.name);
    } finally {
      unregisterBackend("broken");
    }
  });

  it("honours an explicit choice and rejects an unknown one", () => {
    expect(getCompute({ prefer: "js" }).name).toBe("js");
    expect(getCompute({ prefer: "gpu.js" }).name.startsWith("gpu.js:")).toBe(true);
    expect(() => getCompute({ prefer: "cuda" })).toThrow(/unknown compute backend "cuda"/);
  });
});
