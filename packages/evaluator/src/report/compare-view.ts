import { cropColumns, type RgbImage, resizeBox } from "@colorize/core";
import { decodeImage } from "@colorize/image-io";
import { imageFiles } from "../artifacts.js";
import { HEAT_MAX } from "../raster/heatmap.js";
import { viridisStops } from "../raster/ramp.js";
import { esc } from "./html.js";
import { compressedImage, type InlineImage, pngImage } from "./inline-image.js";

/** Reads a file written under the output folder; undefined when it does not exist. */
export type FileReader = (file: string) => Uint8Array | undefined;

/** How pictures go into the report: `light` at display size, compressed; `full` as the full-size PNGs. */
export type ReportMode = "light" | "full";

/** Largest displayed picture, in CSS pixels: the compare view and its options fit a 1280 px window. */
export const DISPLAY = { width: 640, height: 480 } as const;

/** What the compare view of one image shows. */
export interface CompareInput {
  /** File-name slug of the image (the folder of its pictures). */
  readonly key: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** First test column: the right half is [column, width). */
  readonly column: number;
  readonly seed: number;
  /** Agents in plan order with their ΔE2000 on this image and seed; those without an output are skipped. */
  readonly agents: readonly { readonly name: string; readonly deltaE2000: number }[];
}

interface Layer {
  readonly image: InlineImage;
  readonly file: string;
  /** Option the layer belongs to (an agent, `gray`, or `*` for every agent). */
  readonly option: string;
  readonly kind: "out" | "heat" | "gray";
  /** Horizontal placement in percent of the frame. */
  readonly left: number;
  readonly span: number;
}

const pct = (v: number) => `${Number(v.toFixed(4))}%`;

function layerHtml(l: Layer, alt: string, hidden: boolean): string {
  return (
    `<img src="${l.image.src}" alt="${esc(alt)}" width="${l.image.width}" height="${l.image.height}"` +
    ` data-option="${esc(l.option)}" data-kind="${l.kind}" data-file="${esc(l.file)}"` +
    ` style="left:${pct(l.left)};width:${pct(l.span)}"${hidden ? " hidden" : ""}>`
  );
}

// Buffer.compare is a memcmp: the left halves are a third of a megapixel each.
const equalBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

/**
 * A before/after view of one image: the original under a divider, on the other side of it one
 * agent's output (or the gray input), and optionally the ΔE2000 heat map over the right half.
 * The divider is a range input (a slider to assistive technology, moved by mouse, touch or keys);
 * the option and the heat map are a radio group and a checkbox, so everything works from the
 * keyboard. Light mode inlines display-size compressed pictures, splitting each output at the
 * split column so the palette-coloured left half, shared by every agent of a unit, is inlined once.
 */
export function compareView(input: CompareInput, read: FileReader, mode: ReportMode): string {
  const originalPng = read(imageFiles.original(input.key));
  if (!originalPng) return "";
  const { width: w, height: h, column: c, key } = input;
  const scale = Math.min(1, DISPLAY.width / w, DISPLAY.height / h);
  const dw = Math.max(1, Math.round(w * scale));
  const dh = Math.max(1, Math.round(h * scale));
  // Display columns of the left half, at least one on each side of the split.
  const dc = Math.min(dw - 1, Math.max(1, Math.round(c * scale)));
  const splitPct = (100 * c) / w;
  const small = (img: RgbImage, width: number, height = dh) =>
    compressedImage(img.width === width && img.height === height ? img : resizeBox(img, width, height));
  const light = mode === "light";
  const inline = (png: Uint8Array, full: (img: RgbImage) => InlineImage) =>
    light ? full(decodeImage(png)) : pngImage(png, ...pngSize(png));

  const before = inline(originalPng, (img) => small(img, dw));
  const layers: Layer[] = [];
  const options: { value: string; label: string; deltaE?: number }[] = [];
  let sharedLeft: Uint8Array | undefined;
  for (const a of input.agents) {
    const outFile = imageFiles.output(key, a.name);
    const outPng = read(outFile);
    if (!outPng) continue;
    options.push({ value: a.name, label: a.name, deltaE: a.deltaE2000 });
    if (light) {
      const out = decodeImage(outPng);
      const left = cropColumns(out, 0, c);
      // Every agent of a unit shares the palette-coloured left half: inline it once.
      if (!sharedLeft || !equalBytes(sharedLeft, left.data)) {
        const option = sharedLeft ? a.name : "*";
        sharedLeft ??= left.data;
        layers.push({
          image: small(left, dc),
          file: outFile,
          option,
          kind: "out",
          left: 0,
          span: (100 * dc) / dw,
        });
      }
      layers.push({
        image: small(cropColumns(out, c, w), dw - dc),
        file: outFile,
        option: a.name,
        kind: "out",
        left: (100 * dc) / dw,
        span: 100 - (100 * dc) / dw,
      });
    } else {
      layers.push({
        image: pngImage(outPng, w, h),
        file: outFile,
        option: a.name,
        kind: "out",
        left: 0,
        span: 100,
      });
    }
    const heatFile = imageFiles.heat(key, a.name);
    const heatPng = read(heatFile);
    if (heatPng) {
      layers.push({
        image: inline(heatPng, (img) => small(img, ...heatSize(dw - dc, dh))),
        file: heatFile,
        option: a.name,
        kind: "heat",
        left: light ? (100 * dc) / dw : splitPct,
        span: light ? 100 - (100 * dc) / dw : 100 - splitPct,
      });
    }
  }
  const grayFile = imageFiles.gray(key);
  const grayPng = read(grayFile);
  if (grayPng) {
    options.push({ value: "gray", label: "gray input" });
    layers.push({
      image: inline(grayPng, (img) => small(img, dw)),
      file: grayFile,
      option: "gray",
      kind: "gray",
      left: 0,
      span: 100,
    });
  }
  const scored = options.filter((o) => o.deltaE !== undefined && Number.isFinite(o.deltaE));
  const best = scored.reduce<(typeof options)[number] | undefined>(
    (b, o) => (b === undefined || o.deltaE! < b.deltaE! ? o : b),
    undefined,
  );
  const selected = best?.value ?? options[0]?.value;
  const nameOf = (v: string | undefined) => options.find((o) => o.value === v)?.label ?? "";
  const group = `cmp-${key}`;

  const layerAlt = (l: Layer) =>
    l.kind === "gray"
      ? `${input.name}: the gray input the agents see`
      : l.kind === "heat"
        ? `${input.name}: per-pixel ΔE2000 of ${l.option}'s right half against the truth`
        : l.option === "*"
          ? `${input.name}: the left half in palette colours, as every agent's output has it`
          : `${input.name}: ${l.option}'s output`;
  const visible = (l: Layer) =>
    l.kind === "gray" ? selected === "gray" : l.kind === "out" && (l.option === "*" || l.option === selected);

  const radios = options
    .map((o) => {
      const score =
        o.deltaE === undefined
          ? ""
          : ` <span class="score">ΔE00 ${Number.isFinite(o.deltaE) ? o.deltaE.toFixed(2) : "n/a"}</span>`;
      const mark = o === best ? ' <span class="best">best</span>' : "";
      return `<label><input type="radio" name="${esc(group)}" value="${esc(o.value)}"${o.value === selected ? " checked" : ""}> ${esc(o.label)}${score}${mark}</label>`;
    })
    .join("");
  const links = [
    `<a href="${esc(imageFiles.original(key))}">original</a>`,
    ...layers
      .filter((l) => l.option !== "*")
      .map(
        (l) =>
          `<a href="${esc(l.file)}">${esc(l.kind === "heat" ? `${l.option} ΔE map` : nameOf(l.option))}</a>`,
      ),
  ];
  const ticks = [0, 1, 2, 3, 4, 5]
    .map((i) => `<span style="left:${pct(20 * i)}">${(HEAT_MAX * i) / 5}${i === 5 ? "+" : ""}</span>`)
    .join("");

  return [
    `<div class="compare" data-split="${pct(splitPct)}">`,
    `<div class="frame" style="--pos:${pct(splitPct)};max-width:${Math.max(dw, 320)}px;aspect-ratio:${w}/${h}">`,
    `<img class="before" src="${before.src}" alt="${esc(`${input.name}: the original`)}" width="${before.width}" height="${before.height}" data-file="${esc(imageFiles.original(key))}">`,
    `<div class="after">${layers.map((l) => layerHtml(l, layerAlt(l), !visible(l))).join("")}</div>`,
    `<div class="handle" aria-hidden="true"></div>`,
    `<span class="tag left" aria-hidden="true">original</span><span class="tag right" aria-hidden="true">${esc(nameOf(selected))}</span>`,
    `<input class="divider" type="range" min="0" max="100" step="1" value="${Math.round(splitPct)}"` +
      ` aria-label="${esc(`${input.name}: divider between the original (left of it) and the chosen picture (right of it)`)}"` +
      ` aria-valuetext="${esc(`original left of ${Math.round(splitPct)} %, ${nameOf(selected)} right`)}">`,
    "</div>",
    `<div class="controls"><fieldset><legend>Right of the divider, seed ${input.seed}</legend>${radios}</fieldset>`,
    `<label class="heat"><input type="checkbox" class="heat-toggle"${selected === "gray" ? " disabled" : ""}> ΔE2000 heat map of the right half</label>`,
    `<div class="legend" aria-label="heat map scale: ΔE2000 from 0 (exact) to ${HEAT_MAX} or more"><div class="ramp" style="background:linear-gradient(to right,${viridisStops().join(",")})"></div><div class="ticks">${ticks}</div></div>`,
    `<p class="hint">Drag across the picture, or focus it and use ← → (Home, End); the split column is at ${pct(splitPct)}.</p>`,
    `<p class="files">Full size: ${links.join(" · ")}</p></div>`,
    "</div>",
  ].join("");
}

/**
 * Display size of a heat map: half the display resolution of the right half. Per-pixel colour
 * differences are noise to a JPEG coder (a heat map at full display size costs more than the
 * agent's output); at half size, smoothed by the browser, the map still shows where the errors
 * are, at a quarter of the bytes, and the full-size PNG is a click away.
 */
function heatSize(width: number, height: number): [number, number] {
  return [Math.max(1, Math.round(width / 2)), Math.max(1, Math.round(height / 2))];
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [v.getUint32(16), v.getUint32(20)];
}
