import { assignReference, elementwiseReference, knnReference, matmulJs } from "./reference.js";
import type { Compute } from "./types.js";

/** The plain typed-array TypeScript backend: float64 throughout, always available. */
export function createJsBackend(): Compute {
  const backend = "js";
  return {
    name: backend,
    precision: "float64",
    matmul: async (a, b, m, k, n, options) => ({ data: matmulJs(a, b, m, k, n, options), backend }),
    elementwise: async (op, a, b, scalar) => ({ data: elementwiseReference(op, a, b, scalar), backend }),
    assign: async (points, centroids, k) => ({ data: assignReference(points, centroids, k), backend }),
    knn: async (train, test, dim, k) => ({ data: knnReference(train, test, dim, k), backend }),
    dispose: () => {},
  };
}
