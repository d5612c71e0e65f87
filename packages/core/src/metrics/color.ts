/**
 * sRGB (8-bit, D65) to CIELAB, the colour space every perceptual metric here works in.
 *
 * Pipeline: 8-bit value -> linear light (IEC 61966-2-1 transfer curve, via a 256-entry table)
 * -> CIE XYZ (sRGB primaries, D65) -> CIELAB relative to D65 with the exact CIE constants
 * epsilon = 216/24389 and kappa = 24389/27 (rather than the rounded 0.008856 and 903.3, which
 * leave a small jump where the two branches of f meet).
 */

/** D65 reference white in XYZ, Y normalised to 1 (X = 0.95047, Y = 1, Z = 1.08883). */
export const D65_WHITE: readonly [number, number, number] = [0.95047, 1, 1.08883];

/**
 * Linear sRGB -> XYZ (D65), row-major 3x3. These are the primaries-and-white derived coefficients
 * to 7 decimals; their row sums reproduce D65_WHITE to 1e-7, so sRGB white maps to a* = b* = 0.
 */
export const SRGB_TO_XYZ: readonly number[] = [
  0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041,
];

/** CIE epsilon: the XYZ ratio below which CIELAB's f() turns linear. */
export const CIE_EPSILON = 216 / 24389;
/** CIE kappa: the slope of CIELAB lightness near black. */
export const CIE_KAPPA = 24389 / 27;

let linearTable: Float64Array | undefined;

/**
 * The 256-entry table of linear-light values for 8-bit sRGB codes, in [0, 1]. Built once on
 * first use and shared; callers must not write to it.
 */
export function srgbLinearTable(): Float64Array {
  if (linearTable === undefined) {
    const t = new Float64Array(256);
    for (let v = 0; v < 256; v++) {
      const c = v / 255;
      t[v] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }
    linearTable = t;
  }
  return linearTable;
}

function labF(t: number): number {
  return t > CIE_EPSILON ? Math.cbrt(t) : (CIE_KAPPA * t + 16) / 116;
}

/**
 * Converts one 8-bit sRGB colour to CIELAB (D65) and writes L*, a*, b* to
 * `out[offset]`, `out[offset + 1]`, `out[offset + 2]`. L* is in [0, 100]; a*, b* roughly in
 * [-128, 128]. Allocation-free, for hot loops.
 */
export function srgbToLabInto(r: number, g: number, b: number, out: Float64Array, offset: number): void {
  const lin = linearTable ?? srgbLinearTable();
  const m = SRGB_TO_XYZ;
  const rl = lin[r];
  const gl = lin[g];
  const bl = lin[b];
  const fx = labF((m[0] * rl + m[1] * gl + m[2] * bl) / D65_WHITE[0]);
  const fy = labF((m[3] * rl + m[4] * gl + m[5] * bl) / D65_WHITE[1]);
  const fz = labF((m[6] * rl + m[7] * gl + m[8] * bl) / D65_WHITE[2]);
  out[offset] = 116 * fy - 16;
  out[offset + 1] = 500 * (fx - fy);
  out[offset + 2] = 200 * (fy - fz);
}

/** CIELAB `[L*, a*, b*]` of one 8-bit sRGB colour (channels integers in [0, 255]). */
export function srgbToLab(r: number, g: number, b: number): [number, number, number] {
  const out = new Float64Array(3);
  srgbToLabInto(r, g, b, out, 0);
  return [out[0], out[1], out[2]];
}

/**
 * CIELAB of every pixel of an interleaved RGB buffer: returns `Float64Array(3 * n)` with
 * `[L, a, b]` per pixel, in pixel order.
 */
export function labPixels(rgb: Uint8Array): Float64Array {
  const n = rgb.length / 3;
  const out = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    srgbToLabInto(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], out, 3 * i);
  }
  return out;
}
