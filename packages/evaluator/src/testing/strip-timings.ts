import { resultsJson } from "../evaluate.js";
import type { EvalResults } from "../schema.js";

/** The document with every timing (any key containing "seconds") removed. */
export function withoutTimings(doc: EvalResults): unknown {
  return JSON.parse(resultsJson(doc), (k, v) => (/seconds/i.test(k) ? undefined : v));
}
