import { AbortError, type AbortSignalLike } from "@colorize/core";
import { bruteForceKnn, type KnnResult } from "./brute-force.js";

/** Brute force in chunks of queries, yielding to the event loop between chunks. */
export async function bruteForceSearch(
  train: Int32Array,
  test: Int32Array,
  dim: number,
  k: number,
  options: { signal?: AbortSignalLike; onProgress?: (fraction: number) => void },
): Promise<KnnResult & { strategy: string; backend: string }> {
  const nTest = test.length / dim;
  const kk = Math.min(k, train.length / dim);
  const indices = new Int32Array(nTest * kk);
  const dist2 = new Float64Array(nTest * kk);
  const chunk = Math.max(1, Math.floor(2e7 / Math.max(1, train.length)));
  for (let q0 = 0; q0 < nTest; q0 += chunk) {
    if (options.signal?.aborted) throw new AbortError();
    const q1 = Math.min(nTest, q0 + chunk);
    const part = bruteForceKnn(train, test.subarray(q0 * dim, q1 * dim), dim, k);
    indices.set(part.indices, q0 * kk);
    dist2.set(part.dist2, q0 * kk);
    options.onProgress?.(q1 / nTest);
    await new Promise<void>((r) => setImmediate(r));
  }
  return { k: kk, indices, dist2, strategy: "brute-force", backend: "js" };
}
