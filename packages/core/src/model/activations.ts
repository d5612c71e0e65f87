/** Hidden-layer activations of the networks. */
export const ACTIVATIONS = ["relu", "leaky-relu", "tanh", "sigmoid"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

const LEAK = 0.01;

/** Applies the activation in place to `a[0..len)`. */
export function activate(kind: Activation, a: Float64Array, len: number): void {
  switch (kind) {
    case "relu":
      for (let i = 0; i < len; i++) if (a[i] < 0) a[i] = 0;
      return;
    case "leaky-relu":
      for (let i = 0; i < len; i++) if (a[i] < 0) a[i] *= LEAK;
      return;
    case "tanh":
      for (let i = 0; i < len; i++) a[i] = Math.tanh(a[i]);
      return;
    case "sigmoid":
      for (let i = 0; i < len; i++) a[i] = 1 / (1 + Math.exp(-a[i]));
      return;
  }
}

/**
 * Multiplies `d[0..len)` in place by the activation's derivative, written in terms of the
 * activation's output `a` (every activation here allows it).
 */
export function activationBackward(kind: Activation, a: Float64Array, d: Float64Array, len: number): void {
  switch (kind) {
    case "relu":
      for (let i = 0; i < len; i++) if (a[i] <= 0) d[i] = 0;
      return;
    case "leaky-relu":
      for (let i = 0; i < len; i++) if (a[i] <= 0) d[i] *= LEAK;
      return;
    case "tanh":
      for (let i = 0; i < len; i++) d[i] *= 1 - a[i] * a[i];
      return;
    case "sigmoid":
      for (let i = 0; i < len; i++) d[i] *= a[i] * (1 - a[i]);
      return;
  }
}

/** Standard deviation of the initial weights of a layer with `fanIn` inputs (He for ReLUs, Glorot otherwise). */
export function initScale(kind: Activation, fanIn: number, fanOut: number): number {
  return kind === "relu" || kind === "leaky-relu" ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
}
