import { describe, expect, it } from "vitest";
import { detectColorMode } from "./color-mode.js";

describe("detectColorMode", () => {
  it("turns colour off for a non-empty NO_COLOR, FORCE_COLOR=0 and TERM=dumb", () => {
    expect(detectColorMode({ NO_COLOR: "1", COLORTERM: "truecolor" })).toBe("none");
    expect(detectColorMode({ FORCE_COLOR: "0" })).toBe("none");
    expect(detectColorMode({ TERM: "dumb" })).toBe("none");
  });
  it("ignores an empty NO_COLOR, as no-color.org specifies", () => {
    expect(detectColorMode({ NO_COLOR: "", COLORTERM: "truecolor" })).toBe("truecolor");
  });
  it("uses 24-bit colour only when COLORTERM says so, else the 256-colour palette", () => {
    expect(detectColorMode({ COLORTERM: "24bit" })).toBe("truecolor");
    expect(detectColorMode({ TERM: "xterm-256color" })).toBe("256");
    expect(detectColorMode({})).toBe("256");
  });
});
