/**
 * Mean structural similarity (SSIM), matching scikit-image's
 * `structural_similarity(a, b, channel_axis=-1, data_range=255)` with its defaults: per channel a
 * 7x7 uniform window, K1 = 0.01, K2 = 0.03, sample covariances (scaled by 49/48), the SSIM map
 * cropped by 3 pixels on every side, averaged; then the mean over channels.
 *
 * scikit-image filters the whole image (scipy's 'reflect' boundary) and then crops the 3-pixel
 * border, so every value that survives the crop comes from a window lying wholly inside the
 * image; the boundary mode never reaches the result. Here those windows are summed straight from
 * summed-area tables. The inputs are 8-bit, so every table entry (at most 255^2 * W * H) is an
 * integer below 2^53 and every window sum is exact.
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

/** Reusable summed-area tables, (width + 1) * (height + 1) each. */
interface Tables {
  sx: Float64Array;
  sy: Float64Array;
  sxx: Float64Array;
  syy: Float64Array;
  sxy: Float64Array;
}

function fillTables(
  a: Uint8Array,
  b: Uint8Array,
  width: number,
  height: number,
  channels: number,
  ch: number,
  t: Tables,
): void {
  const stride = width + 1;
  const { sx, sy, sxx, syy, sxy } = t;
  // Row 0 and column 0 stay zero from allocation; every other cell is overwritten per channel.
  for (let r = 0; r < height; r++) {
    let rx = 0;
    let ry = 0;
    let rxx = 0;
    let ryy = 0;
    let rxy = 0;
    const above = r * stride;
    const here = above + stride;
    let p = r * width * channels + ch;
    for (let c = 0; c < width; c++, p += channels) {
      const x = a[p];
      const y = b[p];
      rx += x;
      ry += y;
      rxx += x * x;
      ryy += y * y;
      rxy += x * y;
      const k = here + c + 1;
      const u = above + c + 1;
      sx[k] = sx[u] + rx;
      sy[k] = sy[u] + ry;
      sxx[k] = sxx[u] + rxx;
      syy[k] = syy[u] + ryy;
      sxy[k] = sxy[u] + rxy;
    }
  }
}

function meanOverWindows(width: number, height: number, t: Tables): number {
  const stride = width + 1;
  const { sx, sy, sxx, syy, sxy } = t;
  let total = 0;
  // Window with top-left pixel (r0, c0) spans table rows r0..r0+7 and columns c0..c0+7.
  for (let r0 = 0; r0 + SSIM_WINDOW <= height; r0++) {
    const top = r0 * stride;
    const bottom = (r0 + SSIM_WINDOW) * stride;
    for (let c0 = 0; c0 + SSIM_WINDOW <= width; c0++) {
      const tl = top + c0;
      const tr = tl + SSIM_WINDOW;
      const bl = bottom + c0;
      const br = bl + SSIM_WINDOW;
      const ux = (sx[br] - sx[bl] - sx[tr] + sx[tl]) / NP;
      const uy = (sy[br] - sy[bl] - sy[tr] + sy[tl]) / NP;
      const uxx = (sxx[br] - sxx[bl] - sxx[tr] + sxx[tl]) / NP;
      const uyy = (syy[br] - syy[bl] - syy[tr] + syy[tl]) / NP;
      const uxy = (sxy[br] - sxy[bl] - sxy[tr] + sxy[tl]) / NP;
      const vx = COV_NORM * (uxx - ux * ux);
      const vy = COV_NORM * (uyy - uy * uy);
      const vxy = COV_NORM * (uxy - ux * uy);
      total += ((2 * ux * uy + C1) * (2 * vxy + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
    }
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
  const cells = (width + 1) * (height + 1);
  const tables: Tables = {
    sx: new Float64Array(cells),
    sy: new Float64Array(cells),
    sxx: new Float64Array(cells),
    syy: new Float64Array(cells),
    sxy: new Float64Array(cells),
  };
  let sum = 0;
  for (let ch = 0; ch < channels; ch++) {
    fillTables(a, b, width, height, channels, ch, tables);
    sum += meanOverWindows(width, height, tables);
  }
  return sum / channels;
}
