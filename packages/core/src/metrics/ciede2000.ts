/**
 * CIEDE2000 colour difference, following Sharma, Wu & Dalal, "The CIEDE2000 Color-Difference
 * Formula: Implementation Notes, Supplementary Test Data, and Mathematical Observations",
 * Color Research and Application 30(1), 2005, with parametric factors kL = kC = kH = 1.
 *
 * Angles are handled in radians throughout; the formula's degree constants (30, 6, 63, 275, 25)
 * appear below converted once. Each call allocates nothing and spends four sines or cosines,
 * two atan2 and one exp on a pair.
 */

const POW25_7 = 25 ** 7;
const DEG = Math.PI / 180;
const TWO_PI = 2 * Math.PI;
const RAD_30 = 30 * DEG;
const RAD_275 = 275 * DEG;
const RAD_25 = 25 * DEG;
const COS_30 = Math.cos(RAD_30);
const SIN_30 = Math.sin(RAD_30);
const COS_6 = Math.cos(6 * DEG);
const SIN_6 = Math.sin(6 * DEG);
const COS_63 = Math.cos(63 * DEG);
const SIN_63 = Math.sin(63 * DEG);

/** x^7 / (x^7 + 25^7), by multiplications (Math.pow is slow in hot loops). */
function ratio7(x: number): number {
  const x2 = x * x;
  const x7 = x2 * x2 * x2 * x;
  return x7 / (x7 + POW25_7);
}

/**
 * ΔE00 between (L1, a1, b1) and (L2, a2, b2), both CIELAB. Symmetric, zero for equal colours,
 * about 1 for a just-noticeable difference. Allocation-free: six numbers in, one out.
 */
export function ciede2000(L1: number, a1: number, b1: number, L2: number, a2: number, b2: number): number {
  const cBar = 0.5 * (Math.sqrt(a1 * a1 + b1 * b1) + Math.sqrt(a2 * a2 + b2 * b2));
  const g = 0.5 * (1 - Math.sqrt(ratio7(cBar)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.sqrt(a1p * a1p + b1 * b1);
  const c2p = Math.sqrt(a2p * a2p + b2 * b2);
  // atan2(0, 0) is 0 in JS, which is the hue the paper prescribes for a neutral colour.
  let h1p = Math.atan2(b1, a1p);
  if (h1p < 0) h1p += TWO_PI;
  let h2p = Math.atan2(b2, a2p);
  if (h2p < 0) h2p += TWO_PI;

  const dLp = L2 - L1;
  const dCp = c2p - c1p;
  const cProd = c1p * c2p;
  let dhp = 0;
  let hBarP = h1p + h2p;
  if (cProd !== 0) {
    dhp = h2p - h1p;
    if (dhp > Math.PI) dhp -= TWO_PI;
    else if (dhp < -Math.PI) dhp += TWO_PI;
    if (Math.abs(h1p - h2p) <= Math.PI) hBarP *= 0.5;
    else if (hBarP < TWO_PI) hBarP = 0.5 * (hBarP + TWO_PI);
    else hBarP = 0.5 * (hBarP - TWO_PI);
  }
  const dHp = 2 * Math.sqrt(cProd) * Math.sin(0.5 * dhp);

  const lBarP = 0.5 * (L1 + L2);
  const cBarP = 0.5 * (c1p + c2p);
  // T's four cosines from one sine and cosine of the mean hue, by the multiple-angle formulas.
  const c1 = Math.cos(hBarP);
  const s1 = Math.sin(hBarP);
  const c2 = 2 * c1 * c1 - 1;
  const s2 = 2 * s1 * c1;
  const c3 = c1 * (4 * c1 * c1 - 3);
  const s3 = s1 * (3 - 4 * s1 * s1);
  const c4 = 2 * c2 * c2 - 1;
  const s4 = 2 * s2 * c2;
  const t =
    1 -
    0.17 * (c1 * COS_30 + s1 * SIN_30) +
    0.24 * c2 +
    0.32 * (c3 * COS_6 - s3 * SIN_6) -
    0.2 * (c4 * COS_63 + s4 * SIN_63);
  const q = (hBarP - RAD_275) / RAD_25;
  const dTheta = RAD_30 * Math.exp(-q * q);
  const rC = 2 * Math.sqrt(ratio7(cBarP));
  const l50 = (lBarP - 50) * (lBarP - 50);
  const sL = 1 + (0.015 * l50) / Math.sqrt(20 + l50);
  const sC = 1 + 0.045 * cBarP;
  const sH = 1 + 0.015 * cBarP * t;
  const rT = -Math.sin(2 * dTheta) * rC;

  const lTerm = dLp / sL;
  const cTerm = dCp / sC;
  const hTerm = dHp / sH;
  return Math.sqrt(lTerm * lTerm + cTerm * cTerm + hTerm * hTerm + rT * cTerm * hTerm);
}
