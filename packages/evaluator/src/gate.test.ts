import { describe, expect, it } from "vitest";
import { GATED_METRICS } from "./gate.js";

describe("GATED_METRICS", () => {
  it("is every metric measured against the truth, in table order: colourfulness is reported, not gated", () => {
    expect(GATED_METRICS).toEqual(["labelAccuracy", "rmse", "psnr", "ssim", "deltaE2000", "aucAb"]);
  });
});
