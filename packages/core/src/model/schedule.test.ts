import { describe, expect, it } from "vitest";
import { scheduledRate } from "./schedule.js";

const rtol = 1e-12;

describe("scheduledRate", () => {
  it("keeps constant and plateau rates at the base", () => {
    expect(scheduledRate("constant", 0.1, 7, 10)).toBe(0.1);
    expect(scheduledRate("plateau", 0.1, 7, 10)).toBe(0.1);
  });
  it("runs cosine from the base to 1 % of it", () => {
    expect(Math.abs(scheduledRate("cosine", 0.1, 0, 11) - 0.1)).toBeLessThan(rtol);
    expect(Math.abs(scheduledRate("cosine", 0.1, 5, 11) - 0.0505)).toBeLessThan(rtol);
    expect(Math.abs(scheduledRate("cosine", 0.1, 10, 11) - 0.001)).toBeLessThan(rtol);
  });
  it("halves the step schedule every stepEvery epochs", () => {
    expect(scheduledRate("step", 0.8, 9, 100, 10)).toBe(0.8);
    expect(scheduledRate("step", 0.8, 10, 100, 10)).toBe(0.4);
    expect(scheduledRate("step", 0.8, 25, 100, 10)).toBe(0.2);
  });
});
