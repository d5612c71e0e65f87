/** Principal axes of a set of rows: an orthonormal rotation that sorts variance largest first. */
export interface PrincipalAxes {
  readonly dim: number;
  /** Mean row, `dim` values. */
  readonly mean: Float64Array;
  /** Rotation, `dim * dim`, row r = the r-th principal axis (unit length). */
  readonly axes: Float64Array;
  /** Variance along each axis, descending. */
  readonly variance: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric `n x n` matrix (row-major, not modified) by cyclic Jacobi
 * rotations. Returns eigenvalues descending and eigenvectors as rows, orthonormal to rounding.
 */
export function symmetricEigen(
  matrix: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    const c = order[r];
    values[r] = a[c * n + c];
    for (let k = 0; k < n; k++) vectors[r * n + k] = v[k * n + c];
  }
  return { values, vectors };
}

/** Principal axes of `rows` (`dim` values each), from their covariance. */
export function principalAxes(rows: Int32Array | Float64Array, dim: number): PrincipalAxes {
  const n = rows.length / dim;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += rows[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] = n > 0 ? mean[j] / n : 0;
  const cov = new Float64Array(dim * dim);
  const c = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) c[j] = rows[i * dim + j] - mean[j];
    for (let p = 0; p < dim; p++) {
      const cp = c[p];
      for (let q = p; q < dim; q++) cov[p * dim + q] += cp * c[q];
    }
  }
  for (let p = 0; p < dim; p++) {
    for (let q = p; q < dim; q++) {
      const x = n > 1 ? cov[p * dim + q] / (n - 1) : 0;
      cov[p * dim + q] = x;
      cov[q * dim + p] = x;
    }
  }
  const { values, vectors } = symmetricEigen(cov, dim);
  return { dim, mean, axes: vectors, variance: values };
}

/** Rotated, centred coordinates of every row: `out[i * dim + r] = axes[r] . (row i - mean)`. */
export function rotateRows(pca: PrincipalAxes, rows: Int32Array | Float64Array): Float64Array {
  const { dim, mean, axes } = pca;
  const n = rows.length / dim;
  const out = new Float64Array(n * dim);
  const c = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    const o = i * dim;
    for (let j = 0; j < dim; j++) c[j] = rows[o + j] - mean[j];
    for (let r = 0; r < dim; r++) {
      const ro = r * dim;
      let s = 0;
      for (let j = 0; j < dim; j++) s += axes[ro + j] * c[j];
      out[o + r] = s;
    }
  }
  return out;
}
