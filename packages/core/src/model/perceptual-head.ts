import { CIE_EPSILON, CIE_KAPPA, D65_WHITE, SRGB_TO_XYZ } from "../metrics/color.js";
import { E1, E2 } from "./chroma-basis.js";
import type { Head } from "./mlp.js";
import type { Batch } from "./model.js";

/** Values per row of the perceptual head's targets: true L*, a*, b*, and the pixel's gray. */
export const PERCEPTUAL_TARGET_SIZE = 4;

/** The formulas of the perceptual head. */
export type PerceptualFormula = "cie94" | "ciede2000";

/** Values per row of a formula's targets: CIEDE2000's adds the true colour's seven weights ({@link weights2000}). */
export function perceptualTargetSize(formula: PerceptualFormula): number {
  return formula === "ciede2000" ? PERCEPTUAL_TARGET_SIZE + 7 : PERCEPTUAL_TARGET_SIZE;
}

/**
 * Writes one row of a formula's targets at `offset`: the true colour's L*, a*, b*, the pixel's gray
 * and, for CIEDE2000, the weights at the true colour, computed once here rather than at every
 * evaluation of the loss (the validation strip's loss is evaluated after every epoch).
 */
export function writePerceptualTarget(
  formula: PerceptualFormula,
  t: Float64Array,
  offset: number,
  lab: readonly number[],
  gray: number,
): void {
  t[offset] = lab[0];
  t[offset + 1] = lab[1];
  t[offset + 2] = lab[2];
  t[offset + 3] = gray;
  if (formula === "ciede2000") {
    const k = weights2000(lab[0], lab[1], lab[2]);
    t[offset + 4] = k.ga;
    t[offset + 5] = k.c0;
    t[offset + 6] = k.c1;
    t[offset + 7] = k.sl;
    t[offset + 8] = k.sc;
    t[offset + 9] = k.sh;
    t[offset + 10] = k.rt;
  }
}

/**
 * The default knee of the loss, in ΔE units: sqrt(d^2 + knee^2) - knee, the distance itself
 * smoothed near 0.
 */
export const PERCEPTUAL_KNEE = 1;

/** sRGB decoding of c = value / 255, continued past [0, 1] (linear below the breakpoint, the power above). */
function toLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function toLinearSlope(c: number): number {
  return c <= 0.04045 ? 1 / 12.92 : (2.4 / 1.055) * ((c + 0.055) / 1.055) ** 1.4;
}

function labF(t: number): number {
  return t > CIE_EPSILON ? Math.cbrt(t) : (CIE_KAPPA * t + 16) / 116;
}

function labFSlope(t: number): number {
  return t > CIE_EPSILON ? 1 / (3 * Math.cbrt(t * t)) : CIE_KAPPA / 116;
}

/**
 * A perceptual loss on the two chroma outputs of the exact-luminance model: the colour
 * gray + unit * (u E1 + v E2) is taken to CIELAB and compared with the true colour by the CIE94
 * colour difference (graphic-arts weights), the true colour as reference: ΔL, then the a*b*
 * error split along the true colour's chroma direction (weighed 1 / (1 + 0.045 C)) and across it
 * (its hue, weighed 1 / (1 + 0.015 C)). CIE94 is the smooth forerunner of ΔE2000 with the same
 * weighting: a wrong hue costs more than a paler right one. The loss is the mean over rows of
 * sqrt(ΔE^2 + knee^2) - knee: with the default knee of 1 the colour difference itself, smoothed near
 * 0 (its minimiser is a median colour); with a larger knee errors below it are weighed by their
 * square, as in a mean, and larger ones by their size (a pseudo-Huber loss). Targets per row: L*, a*, b* of the true colour and the pixel's gray.
 *
 * With `formula` "ciede2000" the difference is weighed as CIEDE2000 weighs it, with the weights
 * taken at the true colour ({@link weights2000}; CIEDE2000 takes them at the two colours' mean, so
 * the two agree for small errors and the loss stays a smooth quadratic form in the error).
 */
export function perceptualHead(
  unit: number,
  formula: PerceptualFormula = "cie94",
  knee: number = PERCEPTUAL_KNEE,
): Head {
  if (!(knee > 0)) throw new RangeError(`the perceptual loss's knee must be positive, got ${knee}`);
  const de2000 = formula === "ciede2000";
  const stride = perceptualTargetSize(formula);
  const m = SRGB_TO_XYZ;
  const [xn, yn, zn] = D65_WHITE;
  return {
    size: 2,
    loss(z: Float64Array, batch: Batch, dz: Float64Array): number {
      const { n, targets, weights } = batch;
      if (!targets) throw new Error("the perceptual loss needs targets");
      const inv = 1 / n;
      let total = 0;
      for (let i = 0; i < n; i++) {
        const w = weights ? weights[i] : 1;
        const o = i * stride;
        const lt = targets[o];
        const at = targets[o + 1];
        const bt = targets[o + 2];
        const gray = targets[o + 3];
        const u = unit * z[2 * i];
        const v = unit * z[2 * i + 1];
        const r = (gray + u * E1[0] + v * E2[0]) / 255;
        const g = (gray + u * E1[1] + v * E2[1]) / 255;
        const b = (gray + u * E1[2] + v * E2[2]) / 255;
        const rl = toLinear(r);
        const gl = toLinear(g);
        const bl = toLinear(b);
        const tx = (m[0] * rl + m[1] * gl + m[2] * bl) / xn;
        const ty = (m[3] * rl + m[4] * gl + m[5] * bl) / yn;
        const tz = (m[6] * rl + m[7] * gl + m[8] * bl) / zn;
        const fx = labF(tx);
        const fy = labF(ty);
        const fz = labF(tz);
        const dL = 116 * fy - 16 - lt;
        const da = 500 * (fx - fy) - at;
        const db = 200 * (fy - fz) - bt;
        let gL: number;
        let gA: number;
        let gB: number;
        if (de2000) {
          // The true colour's weights (see writePerceptualTarget): a* stretch, chroma direction, SL, SC, SH, RT.
          const ga = targets[o + 4];
          const c0 = targets[o + 5];
          const c1 = targets[o + 6];
          const sl = targets[o + 7];
          const sc = targets[o + 8];
          const sh = targets[o + 9];
          const rt = targets[o + 10];
          const dap = ga * da;
          const x = dL / sl;
          const y = (dap * c0 + db * c1) / sc;
          const h = (-dap * c1 + db * c0) / sh;
          const e2 = x * x + y * y + h * h + rt * y * h;
          const e = Math.sqrt(Math.max(0, e2) + knee * knee);
          total += w * (e - knee);
          const s = (w * inv) / (2 * e);
          const py = 2 * y + rt * h;
          const ph = 2 * h + rt * y;
          gL = (s * 2 * x) / sl;
          gA = s * ga * ((py * c0) / sc - (ph * c1) / sh);
          gB = s * ((py * c1) / sc + (ph * c0) / sh);
        } else {
          const ct = Math.sqrt(at * at + bt * bt);
          // The true colour's chroma direction (any direction for a neutral one: weights are then equal).
          const c0 = ct > 0 ? at / ct : 1;
          const c1 = ct > 0 ? bt / ct : 0;
          const sc = 1 + 0.045 * ct;
          const sh = 1 + 0.015 * ct;
          const dc = (da * c0 + db * c1) / sc;
          const dh = (-da * c1 + db * c0) / sh;
          const e = Math.sqrt(dL * dL + dc * dc + dh * dh + knee * knee);
          total += w * (e - knee);
          const s = (w * inv) / e;
          gL = s * dL;
          gA = s * ((dc * c0) / sc - (dh * c1) / sh);
          gB = s * ((dc * c1) / sc + (dh * c0) / sh);
        }
        const gfx = 500 * gA;
        const gfy = 116 * gL - 500 * gA + 200 * gB;
        const gfz = -200 * gB;
        const gx = (gfx * labFSlope(tx)) / xn;
        const gy = (gfy * labFSlope(ty)) / yn;
        const gz = (gfz * labFSlope(tz)) / zn;
        const gr = ((m[0] * gx + m[3] * gy + m[6] * gz) * toLinearSlope(r)) / 255;
        const gg = ((m[1] * gx + m[4] * gy + m[7] * gz) * toLinearSlope(g)) / 255;
        const gb = ((m[2] * gx + m[5] * gy + m[8] * gz) * toLinearSlope(b)) / 255;
        dz[2 * i] = unit * (gr * E1[0] + gg * E1[1] + gb * E1[2]);
        dz[2 * i + 1] = unit * (gr * E2[0] + gg * E2[1] + gb * E2[2]);
      }
      return total * inv;
    },
  };
}

const DEG = Math.PI / 180;
const P25 = 25 ** 7;

/**
 * CIEDE2000's weights with the true colour as both colours' mean (exact in the limit of small
 * errors): the a* stretch 1 + G, the true colour's chroma direction in the stretched plane, the
 * lightness, chroma and hue weights SL, SC, SH and the blue-region rotation term RT. With them the
 * squared difference is the quadratic form (ΔL/SL)^2 + (ΔC/SC)^2 + (ΔH/SH)^2 + RT (ΔC/SC)(ΔH/SH).
 * The formulas are core's `ciede2000`'s, written here at one colour (core's evaluates T by
 * multiple-angle identities inside its allocation-free pair loop).
 */
export function weights2000(l: number, a: number, b: number) {
  const c = Math.sqrt(a * a + b * b);
  const c7 = c ** 7;
  const ga = 1 + 0.5 * (1 - Math.sqrt(c7 / (c7 + P25)));
  const ap = ga * a;
  const cp = Math.sqrt(ap * ap + b * b);
  const c0 = cp > 0 ? ap / cp : 1;
  const c1 = cp > 0 ? b / cp : 0;
  let hp = cp > 0 ? Math.atan2(b, ap) / DEG : 0;
  if (hp < 0) hp += 360;
  const t =
    1 -
    0.17 * Math.cos((hp - 30) * DEG) +
    0.24 * Math.cos(2 * hp * DEG) +
    0.32 * Math.cos((3 * hp + 6) * DEG) -
    0.2 * Math.cos((4 * hp - 63) * DEG);
  const l50 = (l - 50) * (l - 50);
  const sl = 1 + (0.015 * l50) / Math.sqrt(20 + l50);
  const sc = 1 + 0.045 * cp;
  const sh = 1 + 0.015 * cp * t;
  const cp7 = cp ** 7;
  const rc = 2 * Math.sqrt(cp7 / (cp7 + P25));
  const dTheta = 30 * Math.exp(-(((hp - 275) / 25) ** 2));
  const rt = -Math.sin(2 * dTheta * DEG) * rc;
  return { ga, c0, c1, sl, sc, sh, rt };
}
