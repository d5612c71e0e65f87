/**
 * Composites interleaved RGBA samples over a white background and reduces them to 8-bit RGB.
 *
 * With `M = maxSample` (255 for 8-bit samples and palettes, 65535 for 16-bit, 2^d - 1 for d-bit gray),
 * each output channel is
 *
 *     out = round(255 * (c/M * a/M + (1 - a/M)))
 *
 * which for 8-bit input is `round(c*a/255 + 255*(1 - a/255))` and for opaque pixels (a = M) is
 * `round(c*255/M)`, e.g. `round(v*255/65535)` for 16-bit. Compositing happens before the reduction to
 * 8 bits, so 16-bit images are rounded once. The value is computed in exact integer arithmetic as
 * `floor((510*(c*a + M*(M-a)) + M^2) / (2*M^2))` (below 2^53 for M = 65535). Halves never occur:
 * `255*n/M^2 = k + 1/2` would need `510*n = (2k+1)*M^2`, even on the left and odd on the right (M is odd).
 *
 * @param rgba `pixelCount * 4` samples in [0, maxSample]
 * @returns `pixelCount * 3` bytes, interleaved RGB
 */
export function compositeOverWhite(
  rgba: ArrayLike<number>,
  pixelCount: number,
  maxSample: number,
): Uint8Array {
  const out = new Uint8Array(pixelCount * 3);
  const m = maxSample;
  const mm = m * m;
  const twoMm = 2 * mm;
  for (let p = 0; p < pixelCount; p++) {
    const i = p * 4;
    const o = p * 3;
    const a = rgba[i + 3]!;
    if (a === 255 && m === 255) {
      out[o] = rgba[i]!;
      out[o + 1] = rgba[i + 1]!;
      out[o + 2] = rgba[i + 2]!;
      continue;
    }
    const white = m * (m - a);
    out[o] = Math.floor((510 * (rgba[i]! * a + white) + mm) / twoMm);
    out[o + 1] = Math.floor((510 * (rgba[i + 1]! * a + white) + mm) / twoMm);
    out[o + 2] = Math.floor((510 * (rgba[i + 2]! * a + white) + mm) / twoMm);
  }
  return out;
}
