/**
 * The three dense products a layer needs, as plain loops over flat row-major Float64Arrays.
 * They are the float64 reference; an accelerated backend must match them within float32 error.
 * Loop orders keep the innermost loop on contiguous memory.
 */

/** out (m x n) = a (m x k) * b (k x n) + bias (n), bias broadcast over rows. */
export function gemmBias(
  a: Float64Array,
  b: Float64Array,
  bOffset: number,
  bias: Float64Array,
  biasOffset: number,
  m: number,
  k: number,
  n: number,
  out: Float64Array,
): void {
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) out[o + j] = bias[biasOffset + j];
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const av = a[ai + p];
      if (av === 0) continue;
      const bp = bOffset + p * n;
      for (let j = 0; j < n; j++) out[o + j] += av * b[bp + j];
    }
  }
}

/** gw (k x n) += a^T (k x m) * d (m x n), and gb (n) += column sums of d. */
export function gemmTransposeAccumulate(
  a: Float64Array,
  d: Float64Array,
  m: number,
  k: number,
  n: number,
  gw: Float64Array,
  gwOffset: number,
  gb: Float64Array,
  gbOffset: number,
): void {
  for (let i = 0; i < m; i++) {
    const di = i * n;
    for (let j = 0; j < n; j++) gb[gbOffset + j] += d[di + j];
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const av = a[ai + p];
      if (av === 0) continue;
      const g = gwOffset + p * n;
      for (let j = 0; j < n; j++) gw[g + j] += av * d[di + j];
    }
  }
}

/** out (m x k) = d (m x n) * w^T (n x k), with w stored k x n. */
export function gemmNT(
  d: Float64Array,
  w: Float64Array,
  wOffset: number,
  m: number,
  k: number,
  n: number,
  out: Float64Array,
): void {
  for (let i = 0; i < m; i++) {
    const di = i * n;
    const oi = i * k;
    for (let p = 0; p < k; p++) {
      const wp = wOffset + p * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += d[di + j] * w[wp + j];
      out[oi + p] = s;
    }
  }
}
