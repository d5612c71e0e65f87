import { createRequire } from "node:module";

type ResvgModule = typeof import("@resvg/resvg-js");
let resvg: ResvgModule | undefined;

/**
 * Renders an SVG document to PNG bytes with resvg (a maintained Rust renderer, prebuilt for each
 * platform), using the system's fonts, DejaVu Sans first. Loaded on first use, so commands that
 * draw no plot never load the native module.
 * @param scale pixels per SVG pixel (default 2, sharp on high-density screens and in documents)
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  resvg ??= createRequire(import.meta.url)("@resvg/resvg-js") as ResvgModule;
  const r = new resvg.Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return new Uint8Array(r.render().asPng());
}
