/** Updates parameters in place from their gradient. */
export interface Optimizer {
  readonly name: string;
  /** One update of `params` from `grads` with learning rate `lr`. */
  step(params: Float64Array, grads: Float64Array, lr: number): void;
}

export const OPTIMIZERS = ["adam", "sgd"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Options of {@link createOptimizer}; defaults are the usual ones. */
export interface OptimizerOptions {
  /** SGD momentum (default 0.9). */
  readonly momentum?: number;
  /** Adam's first and second moment decays (defaults 0.9, 0.999). */
  readonly beta1?: number;
  readonly beta2?: number;
  /** Adam's denominator guard (default 1e-8). */
  readonly epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015) with bias correction:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr * m_hat / (sqrt(v_hat) + eps).
 */
export function adam(size: number, options: OptimizerOptions = {}): Optimizer {
  const b1 = options.beta1 ?? 0.9;
  const b2 = options.beta2 ?? 0.999;
  const eps = options.epsilon ?? 1e-8;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let t = 0;
  return {
    name: "adam",
    step(params, grads, lr) {
      t++;
      const c1 = 1 - b1 ** t;
      const c2 = 1 - b2 ** t;
      const a = (lr * Math.sqrt(c2)) / c1;
      const epsHat = eps * Math.sqrt(c2);
      for (let i = 0; i < size; i++) {
        const g = grads[i];
        const mi = b1 * m[i] + (1 - b1) * g;
        const vi = b2 * v[i] + (1 - b2) * g * g;
        m[i] = mi;
        v[i] = vi;
        params[i] -= (a * mi) / (Math.sqrt(vi) + epsHat);
      }
    },
  };
}

/** SGD with classical momentum: u = mu u - lr g; p += u. */
export function sgdMomentum(size: number, options: OptimizerOptions = {}): Optimizer {
  const mu = options.momentum ?? 0.9;
  const u = new Float64Array(size);
  return {
    name: "sgd",
    step(params, grads, lr) {
      for (let i = 0; i < size; i++) {
        const ui = mu * u[i] - lr * grads[i];
        u[i] = ui;
        params[i] += ui;
      }
    },
  };
}

/** The optimiser of a name for `size` parameters. */
export function createOptimizer(
  name: OptimizerName,
  size: number,
  options: OptimizerOptions = {},
): Optimizer {
  if (name === "adam") return adam(size, options);
  if (name === "sgd") return sgdMomentum(size, options);
  throw new RangeError(`unknown optimizer ${String(name)} (known: ${OPTIMIZERS.join(", ")})`);
}
