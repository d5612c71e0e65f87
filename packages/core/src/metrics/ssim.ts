/**
 * Mean structural similarity (SSIM), matching scikit-image's
 * `structural_similarity(a, b, channel_axis=-1, data_range=255)` with its defaults: per channel a
 * 7x7 uniform window, K1 = 0.01, K2 = 0.03, sample covariances (scaled by 49/48), the SSIM map
 * cropped by 3 pixels on every side, averaged; then the mean over channels.
 *
 * scikit-image filters the whole image (scipy's 'reflect' boundary) and then crops the 3-pixel
 * border, so every value that survives the crop comes from a window lying wholly inside the
 * image; the boundary mode never reaches the result. Here those windows are summed by sliding
 * (see `channelMean`): the inputs are 8-bit, so every window sum is an exact integer.
 */

/** Side of the square SSIM window. */
export const SSIM_WINDOW = 7;
const K1 = 0.01;
const K2 = 0.03;
const DATA_RANGE = 255;
const C1 = (K1 * DATA_RANGE) ** 2;
const C2 = (K2 * DATA_RANGE) ** 2;
const NP = SSIM_WINDOW * SSIM_WINDOW;
const COV_NORM = NP / (NP - 1);
const PAD = (SSIM_WINDOW - 1) >> 1;

/**
 * Mean of the SSIM map of one channel: each 7x7 window's five sums (x, y, x², y², xy) kept as
 * column sums over the last 7 rows, slid along each row of windows. Every sum is an integer below
 * 2^53 (at most 49 * 255²), so it is exact whichever way it is added up, and the windows are
 * visited in row-major order as the summed-area tables visited them. Memory: five rows of sums.
 */
function channelMean(
  a: Uint8Array,
  b: Uint8Array,
  width: number,
  height: number,
  channels: number,
  ch: number,
  cols: Float64Array[],
): number {
  const [cx, cy, cxx, cyy, cxy] = cols;
  for (const c of cols) c.fill(0);
  // Adds (sign 1) or removes (sign -1) image row r from the column sums.
  const addRow = (r: number, sign: number) => {
    let p = r * width * channels + ch;
    for (let c = 0; c < width; c++, p += channels) {
      const x = a[p];
      const y = b[p];
      cx[c] += sign * x;
      cy[c] += sign * y;
      cxx[c] += sign * x * x;
      cyy[c] += sign * y * y;
      cxy[c] += sign * x * y;
    }
  };
  for (let r = 0; r < SSIM_WINDOW - 1; r++) addRow(r, 1);
  let total = 0;
  for (let r0 = 0; r0 + SSIM_WINDOW <= height; r0++) {
    addRow(r0 + SSIM_WINDOW - 1, 1);
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let c = 0; c < SSIM_WINDOW - 1; c++) {
      sx += cx[c];
      sy += cy[c];
      sxx += cxx[c];
      syy += cyy[c];
      sxy += cxy[c];
    }
    for (let c0 = 0; c0 + SSIM_WINDOW <= width; c0++) {
      const e = c0 + SSIM_WINDOW - 1;
      sx += cx[e];
      sy += cy[e];
      sxx += cxx[e];
      syy += cyy[e];
      sxy += cxy[e];
      const ux = sx / NP;
      const uy = sy / NP;
      const uxx = sxx / NP;
      const uyy = syy / NP;
      const uxy = sxy / NP;
      const vx = COV_NORM * (uxx - ux * ux);
      const vy = COV_NORM * (uyy - uy * uy);
      const vxy = COV_NORM * (uxy - ux * uy);
      total += ((2 * ux * uy + C1) * (2 * vxy + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
      sx -= cx[c0];
      sy -= cy[c0];
      sxx -= cxx[c0];
      syy -= cyy[c0];
      sxy -= cxy[c0];
    }
    addRow(r0, -1);
  }
  return total / ((height - 2 * PAD) * (width - 2 * PAD));
}

/**
 * Mean SSIM of two interleaved 8-bit images of `width * height` pixels and `channels` channels
 * (default 3), in [-1, 1], 1 for identical images.
 *
 * @throws RangeError when the buffers do not hold `width * height * channels` values, or when
 *   either side is below 7 pixels (as scikit-image refuses such images).
 */
export function ssim(a: Uint8Array, b: Uint8Array, width: number, height: number, channels = 3): number {
  if (!Number.isInteger(width) || !Number.isInteger(height) || !Number.isInteger(channels) || channels < 1) {
    throw new RangeError(`ssim: bad shape ${width}x${height}x${channels}`);
  }
  const size = width * height * channels;
  if (a.length !== size || b.length !== size) {
    throw new RangeError(`ssim: images must hold ${size} values, got ${a.length} and ${b.length}`);
  }
  if (width < SSIM_WINDOW || height < SSIM_WINDOW) {
    throw new RangeError(`ssim: image is ${width}x${height}; both sides must be at least ${SSIM_WINDOW}`);
  }
  const cols = Array.from({ length: 5 }, () => new Float64Array(width));
  let sum = 0;
  for (let ch = 0; ch < channels; ch++) sum += channelMean(a, b, width, height, channels, ch, cols);
  return sum / channels;
}
