/**
 * Puts a colour on the plane of a known gray inside the RGB cube, so that
 * 0.21 r + 0.72 g + 0.07 b equals the gray: the colour is first moved along (1, 1, 1) (which
 * changes gray one for one), then its chroma (its offset from (gray, gray, gray)) is scaled down
 * just enough to fit in [0, 255]^3. Each channel is then rounded to the nearest integer and
 * written to `out[o..o+3)`, so the result's gray is within 0.5 of the target. (Rounding towards
 * the closest gray instead would tint neutral colours by a step, which ΔE2000 notices more than
 * a gray error below half a step.)
 */
export function onGrayPlane(r: number, g: number, b: number, gray: number, out: Uint8Array, o: number): void {
  const shift = gray - (0.21 * r + 0.72 * g + 0.07 * b);
  let cr = r + shift - gray;
  let cg = g + shift - gray;
  let cb = b + shift - gray;
  let s = 1;
  s = fit(s, cr, gray);
  s = fit(s, cg, gray);
  s = fit(s, cb, gray);
  cr = gray + s * cr;
  cg = gray + s * cg;
  cb = gray + s * cb;
  out[o] = clamp(Math.round(cr));
  out[o + 1] = clamp(Math.round(cg));
  out[o + 2] = clamp(Math.round(cb));
}

/** Largest scale <= s keeping gray + scale * c inside [0, 255]. */
function fit(s: number, c: number, gray: number): number {
  if (c > 0 && gray + s * c > 255) return (255 - gray) / c;
  if (c < 0 && gray + s * c < 0) return -gray / c;
  return s;
}

function clamp(v: number): number {
  return v < 0 ? 0 : Math.min(v, 255);
}
