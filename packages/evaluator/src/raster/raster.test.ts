import { describe, expect, it } from "vitest";
import { HEAT_MAX, heatImage } from "./heatmap.js";
import { viridis, viridisStops } from "./ramp.js";

describe("viridis and the heat map", () => {
  it("runs from dark purple to yellow and clamps", () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(-3)).toEqual(viridis(0));
    expect(viridis(7)).toEqual(viridis(1));
    expect(viridis(0.5)).toEqual([33, 144, 141]);
  });
  it("maps 0 and the saturation value to the ramp's ends", () => {
    const img = heatImage(Float64Array.of(0, HEAT_MAX, 2 * HEAT_MAX), 3, 1);
    expect([...img.data]).toEqual([68, 1, 84, 253, 231, 37, 253, 231, 37]);
  });
  it("gives the browser's gradient legend the same stops as the pixels", () => {
    const stops = viridisStops();
    expect(stops[0]).toBe("rgb(68,1,84) 0.0%");
    expect(stops[4]).toBe("rgb(33,144,141) 50.0%");
    expect(stops[8]).toBe("rgb(253,231,37) 100.0%");
  });
});
