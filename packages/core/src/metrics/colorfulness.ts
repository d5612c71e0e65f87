/**
 * Colourfulness of an RGB image, metric M3 of Hasler & Süsstrunk, "Measuring colourfulness in
 * natural images" (SPIE Human Vision and Electronic Imaging, 2003): with opponent channels
 * rg = R - G and yb = (R + G) / 2 - B over all pixels,
 * M = sqrt(σ_rg² + σ_yb²) + 0.3 * sqrt(μ_rg² + μ_yb²), σ the population standard deviation.
 * 0 for any gray image. The opponent values are signed as in the paper (some popular code takes
 * their absolute values, which gives different numbers).
 *
 * @param rgb interleaved 8-bit RGB, at least one pixel
 * @throws RangeError when the buffer is empty or not whole pixels
 */
export function colorfulness(rgb: Uint8Array): number {
  if (rgb.length === 0 || rgb.length % 3 !== 0) {
    throw new RangeError(`colorfulness needs a non-empty RGB buffer, got ${rgb.length} values`);
  }
  const n = rgb.length / 3;
  // Two passes (means, then squared deviations) keep the variance free of cancellation.
  let sumRg = 0;
  let sumYb = 0;
  for (let p = 0; p < rgb.length; p += 3) {
    const r = rgb[p];
    const g = rgb[p + 1];
    sumRg += r - g;
    sumYb += 0.5 * (r + g) - rgb[p + 2];
  }
  const muRg = sumRg / n;
  const muYb = sumYb / n;
  let ssRg = 0;
  let ssYb = 0;
  for (let p = 0; p < rgb.length; p += 3) {
    const r = rgb[p];
    const g = rgb[p + 1];
    const dRg = r - g - muRg;
    const dYb = 0.5 * (r + g) - rgb[p + 2] - muYb;
    ssRg += dRg * dRg;
    ssYb += dYb * dYb;
  }
  return Math.sqrt(ssRg / n + ssYb / n) + 0.3 * Math.sqrt(muRg * muRg + muYb * muYb);
}
