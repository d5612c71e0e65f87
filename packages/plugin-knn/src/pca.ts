import { symmetricEigen } from "@colorize/core";

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
