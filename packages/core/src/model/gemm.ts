/**
 * The dense products of the networks, as plain loops over flat row-major Float64Arrays; they are
 * the float64 reference. Everything is one product, C = A B^T with both operands row-major, so
 * each output is a dot product of two contiguous rows; a 4 x 2 block of outputs is accumulated
 * in registers at a time, which runs about four times faster in V8 than the textbook i-p-j loop.
 */

/**
 * out[outOff + i n + j] = sum_p a[aOff + i k + p] * b[bOff + j k + p] for i < m, j < n:
 * C (m x n) = A (m x k) B^T, with B stored n x k.
 */
export function gemmNT(
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  m: number,
  n: number,
  k: number,
  out: Float64Array,
  outOff: number,
): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = aOff + i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    const o0 = outOff + i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const b0 = bOff + j * k;
      const b1 = b0 + k;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      let s20 = 0;
      let s21 = 0;
      let s30 = 0;
      let s31 = 0;
      for (let p = 0; p < k; p++) {
        const u = b[b0 + p];
        const v = b[b1 + p];
        const x0 = a[a0 + p];
        const x1 = a[a1 + p];
        const x2 = a[a2 + p];
        const x3 = a[a3 + p];
        s00 += x0 * u;
        s01 += x0 * v;
        s10 += x1 * u;
        s11 += x1 * v;
        s20 += x2 * u;
        s21 += x2 * v;
        s30 += x3 * u;
        s31 += x3 * v;
      }
      out[o0 + j] = s00;
      out[o0 + j + 1] = s01;
      out[o1 + j] = s10;
      out[o1 + j + 1] = s11;
      out[o2 + j] = s20;
      out[o2 + j + 1] = s21;
      out[o3 + j] = s30;
      out[o3 + j + 1] = s31;
    }
    if (j < n) {
      const bj = bOff + j * k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const u = b[bj + p];
        s0 += a[a0 + p] * u;
        s1 += a[a1 + p] * u;
        s2 += a[a2 + p] * u;
        s3 += a[a3 + p] * u;
      }
      out[o0 + j] = s0;
      out[o1 + j] = s1;
      out[o2 + j] = s2;
      out[o3 + j] = s3;
    }
  }
  for (; i < m; i++) {
    const ai = aOff + i * k;
    const oi = outOff + i * n;
    for (let j = 0; j < n; j++) {
      const bj = bOff + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      out[oi + j] = s;
    }
  }
}

/** out (cols x rows) = transpose of a[aOff ..] (rows x cols). */
export function transpose(
  a: Float64Array,
  aOff: number,
  rows: number,
  cols: number,
  out: Float64Array,
): void {
  for (let r = 0; r < rows; r++) {
    const ar = aOff + r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = a[ar + c];
  }
}
