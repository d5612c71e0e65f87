import { encodePng } from "@colorize/image-io";
import { describe, expect, it } from "vitest";
import { imageFiles } from "../artifacts.js";
import { compareView } from "./compare-view.js";

const W = 40;
const H = 20;
const C = 20;

/** An image whose left half is `left` and right half `right` (flat colours). */
function halves(left: number[], right: number[], width = W) {
  const data = new Uint8Array(width * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < width; x++) data.set(x < C ? left : right, (y * width + x) * 3);
  return encodePng({ width, height: H, data });
}

function folder(outputs: Record<string, Uint8Array>) {
  const files = new Map<string, Uint8Array>([
    [imageFiles.original("p"), halves([10, 20, 30], [40, 50, 60])],
    [imageFiles.gray("p"), halves([20, 20, 20], [50, 50, 50])],
  ]);
  for (const [agent, png] of Object.entries(outputs)) {
    files.set(imageFiles.output("p", agent), png);
    files.set(imageFiles.heat("p", agent), halves([68, 1, 84], [68, 1, 84], W - C));
  }
  return (f: string) => files.get(f);
}

const input = {
  key: "p",
  name: "p.png",
  width: W,
  height: H,
  column: C,
  seed: 0,
  agents: [
    { name: "a", deltaE2000: 6 },
    { name: "b", deltaE2000: 4 },
    { name: "missing", deltaE2000: 1 },
  ],
};
const layers = (html: string) =>
  [
    ...html.matchAll(
      /<img [^>]*data-option="([^"]+)" data-kind="(\w+)"[^>]*style="left:([\d.]+)%;width:([\d.]+)%"( hidden)?>/g,
    ),
  ].map((m) => ({ option: m[1], kind: m[2], left: Number(m[3]), span: Number(m[4]), hidden: Boolean(m[5]) }));

describe("compareView", () => {
  it("inlines the shared left half once, each agent's right half and heat map, and shows the best agent first", () => {
    const html = compareView(
      input,
      folder({ a: halves([1, 2, 3], [200, 0, 0]), b: halves([1, 2, 3], [0, 200, 0]) }),
      "light",
    );
    expect(layers(html)).toEqual([
      { option: "*", kind: "out", left: 0, span: 50, hidden: false },
      { option: "a", kind: "out", left: 50, span: 50, hidden: true },
      { option: "a", kind: "heat", left: 50, span: 50, hidden: true },
      { option: "b", kind: "out", left: 50, span: 50, hidden: false },
      { option: "b", kind: "heat", left: 50, span: 50, hidden: true },
      { option: "gray", kind: "gray", left: 0, span: 100, hidden: true },
    ]);
    // The divider starts at the split column; b (ΔE00 4) is chosen and marked; "missing" has no output.
    expect(html).toContain('style="--pos:50%;');
    expect(html).toMatch(
      /<input type="radio" name="cmp-p" value="b" checked> b <span class="score">ΔE00 4\.00<\/span> <span class="best">best<\/span>/,
    );
    expect(html).not.toContain('value="missing"');
    expect(html).toMatch(
      /<input class="divider" type="range" min="0" max="100" step="1" value="50" aria-label="[^"]+" aria-valuetext="original left of 50 %, b right">/,
    );
  });
  it("gives an agent whose left half differs its own left layer", () => {
    const html = compareView(
      input,
      folder({ a: halves([1, 2, 3], [200, 0, 0]), b: halves([9, 9, 9], [0, 200, 0]) }),
      "light",
    );
    expect(
      layers(html)
        .filter((l) => l.left === 0 && l.kind === "out")
        .map((l) => l.option),
    ).toEqual(["*", "b"]);
  });
  it("inlines the full-size PNGs as they are in full mode", () => {
    const read = folder({ a: halves([1, 2, 3], [200, 0, 0]) });
    const html = compareView(input, read, "full");
    const srcs = [...html.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) =>
      Buffer.from(m[1], "base64"),
    );
    expect(srcs).toEqual(
      [
        imageFiles.original("p"),
        imageFiles.output("p", "a"),
        imageFiles.heat("p", "a"),
        imageFiles.gray("p"),
      ].map((f) => Buffer.from(read(f)!)),
    );
  });
  it("draws nothing without the original picture", () => {
    expect(compareView(input, () => undefined, "light")).toBe("");
  });
});
