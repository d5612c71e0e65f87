import type { ElementwiseOp, MatmulOptions, Numeric, Rows } from "./types.js";

/** Reference C = op(A) op(B) in float64: the definition every backend is checked against. */
export function matmulReference(
  a: Numeric,
  b: Numeric,
  m: number,
  k: number,
  n: number,
  options: MatmulOptions = {},
): Float64Array {
  const ta = options.transposeA ?? false;
  const tb = options.transposeB ?? false;
  if (a.length !== m * k || b.length !== k * n)
    throw new RangeError(
      `matmul shapes do not fit: A has ${a.length} values for ${m}x${k}, B ${b.length} for ${k}x${n}`,
    );
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++)
        s += (ta ? a[t * m + i] : a[i * k + t]) * (tb ? b[j * k + t] : b[t * n + j]);
      c[i * n + j] = s;
    }
  }
  return c;
}

/** A faster float64 product for the js backend: i-t-j loop order over a transposed copy when needed. */
export function matmulJs(
  a: Numeric,
  b: Numeric,
  m: number,
  k: number,
  n: number,
  options: MatmulOptions = {},
): Float64Array {
  if (a.length !== m * k || b.length !== k * n)
    throw new RangeError(
      `matmul shapes do not fit: A has ${a.length} values for ${m}x${k}, B ${b.length} for ${k}x${n}`,
    );
  const aa = options.transposeA ? transpose(a, k, m) : a;
  const bb = options.transposeB ? transpose(b, n, k) : b;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const co = i * n;
    for (let t = 0; t < k; t++) {
      const v = aa[i * k + t];
      if (v === 0) continue;
      const bo = t * n;
      for (let j = 0; j < n; j++) c[co + j] += v * bb[bo + j];
    }
  }
  return c;
}

/** The transpose of a rows x cols matrix, as float64. */
export function transpose(a: Numeric, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}

/** Reference element-wise op in float64. */
export function elementwiseReference(op: ElementwiseOp, a: Numeric, b?: Numeric, scalar = 1): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  if ((op === "add" || op === "sub" || op === "mul") && (!b || b.length !== n))
    throw new RangeError(`${op} needs two arrays of equal length`);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    switch (op) {
      case "add":
        out[i] = x + b![i];
        break;
      case "sub":
        out[i] = x - b![i];
        break;
      case "mul":
        out[i] = x * b![i];
        break;
      case "scale":
        out[i] = x * scalar;
        break;
      case "relu":
        out[i] = Math.max(x, 0);
        break;
      case "sigmoid":
        out[i] = 1 / (1 + Math.exp(-x));
        break;
      case "tanh":
        out[i] = Math.tanh(x);
        break;
    }
  }
  return out;
}

/** Reference nearest-centroid assignment (the same rule as core's assignToCentroids). */
export function assignReference(
  points: Numeric,
  centroids: Numeric,
  k: number,
): { labels: Int32Array; dist2: Float64Array } {
  const n = points.length / 3;
  const labels = new Int32Array(n);
  const dist2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const dr = points[i * 3] - centroids[c * 3];
      const dg = points[i * 3 + 1] - centroids[c * 3 + 1];
      const db = points[i * 3 + 2] - centroids[c * 3 + 2];
      const d = dr * dr + dg * dg + db * db;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    labels[i] = best;
    dist2[i] = bestD;
  }
  return { labels, dist2 };
}

/** Reference brute-force k-NN, ordered by (distance, training row). */
export function knnReference(
  train: Rows,
  test: Rows,
  dim: number,
  k: number,
): { k: number; indices: Int32Array; dist2: Float64Array } {
  const nTrain = train.length / dim;
  const nTest = test.length / dim;
  const kk = Math.min(k, nTrain);
  const indices = new Int32Array(nTest * kk);
  const dist2 = new Float64Array(nTest * kk);
  const bd = new Float64Array(kk);
  const bi = new Int32Array(kk);
  for (let q = 0; q < nTest; q++) {
    let filled = 0;
    for (let t = 0; t < nTrain; t++) {
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const x = test[q * dim + j] - train[t * dim + j];
        d += x * x;
      }
      if (filled === kk && d >= bd[kk - 1]) continue;
      let p = filled < kk ? filled++ : kk - 1;
      while (p > 0 && bd[p - 1] > d) {
        bd[p] = bd[p - 1];
        bi[p] = bi[p - 1];
        p--;
      }
      bd[p] = d;
      bi[p] = t;
    }
    indices.set(bi, q * kk);
    dist2.set(bd, q * kk);
  }
  return { k: kk, indices, dist2 };
}

/** Exact float64 squared distances of chosen neighbours. */
export function neighbourDistances(
  train: Rows,
  test: Rows,
  dim: number,
  k: number,
  indices: Int32Array,
): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const q = Math.floor(i / k);
    const t = indices[i];
    let d = 0;
    for (let j = 0; j < dim; j++) {
      const x = test[q * dim + j] - train[t * dim + j];
      d += x * x;
    }
    out[i] = d;
  }
  return out;
}
