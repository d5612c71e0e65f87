import { METRIC_INFO, type Metrics } from "@colorize/core";
import type { EvalResults } from "./schema.js";

/**
 * Choosing a default from candidates scored on the right halves of a set of photographs, and
 * saying how well that choice generalises: a choice made on some photographs is scored on
 * others it never saw (leave-one-photo-out, and two halves of the set).
 */

/** Scores of each candidate on each image: the mean over the seeds of one metric. */
export interface CandidateTable {
  readonly metric: keyof Metrics;
  readonly better: "lower" | "higher";
  /** Candidate names (agent labels), in the order given; ties go to the earlier one. */
  readonly candidates: readonly string[];
  readonly images: readonly string[];
  /** `scores[c][i]`: candidate c on image i. */
  readonly scores: readonly (readonly number[])[];
  /** Seeds the means are over. */
  readonly seeds: readonly number[];
  /** Images left out because a candidate has no score there (a failed run), with the reason. */
  readonly skipped: readonly string[];
}

/**
 * The candidate table of an evaluation whose agents are the candidates (all of them, or those
 * named in `candidates`, in that order).
 *
 * @throws RangeError for an unknown candidate, fewer than two candidates, or fewer than two
 *   images scored by every candidate
 */
export function candidateTable(
  results: EvalResults,
  metric: keyof Metrics = "deltaE2000",
  candidates?: readonly string[],
): CandidateTable {
  const known = results.plan.agents.map((a) => a.name);
  const names = candidates ?? known;
  for (const n of names) {
    if (!known.includes(n))
      throw new RangeError(`no agent ${n} in the results (agents: ${known.join(", ")})`);
  }
  if (names.length < 2) throw new RangeError("choosing needs at least two candidates");
  const images: string[] = [];
  const skipped: string[] = [];
  const columns: number[][] = [];
  for (const image of results.plan.images) {
    const units = results.units.filter((u) => u.image === image);
    if (units.length === 0) continue;
    const column: number[] = [];
    let missing: string | undefined;
    for (const n of names) {
      const values = units.map((u) => u.agents.find((a) => a.name === n)?.metrics[metric]);
      if (values.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
        missing = n;
        break;
      }
      column.push((values as number[]).reduce((s, v) => s + v, 0) / values.length);
    }
    if (missing) skipped.push(`${image} (no ${METRIC_INFO[metric].label} of ${missing})`);
    else {
      images.push(image);
      columns.push(column);
    }
  }
  if (images.length < 2) throw new RangeError("choosing needs at least two images scored by every candidate");
  return {
    metric,
    better: METRIC_INFO[metric].better,
    candidates: names,
    images,
    scores: names.map((_, c) => columns.map((col) => col[c])),
    seeds: results.plan.seeds,
    skipped,
  };
}

/** Mean of candidate `c` over the images `on`. */
export function meanOn(table: CandidateTable, c: number, on: readonly number[]): number {
  let s = 0;
  for (const i of on) s += table.scores[c][i];
  return s / on.length;
}

/** The candidate with the best mean over the images `on` (the earlier one on a tie). */
export function chooseOn(table: CandidateTable, on: readonly number[]): number {
  let best = 0;
  let bestMean = meanOn(table, 0, on);
  for (let c = 1; c < table.candidates.length; c++) {
    const m = meanOn(table, c, on);
    if (table.better === "lower" ? m < bestMean : m > bestMean) {
      best = c;
      bestMean = m;
    }
  }
  return best;
}

/** One held-out image of {@link leaveOneOut}. */
export interface HeldOut {
  readonly image: string;
  /** Candidate chosen on every other image. */
  readonly chosen: number;
  /** Its score on this image. */
  readonly score: number;
  /** The best candidate on this image alone, and its score (what no honest choice can know). */
  readonly best: number;
  readonly bestScore: number;
}

/** What a choice made without an image says about that image, over every image in turn. */
export interface Generalisation {
  /** The choice on every image, and its mean there (in-sample). */
  readonly chosen: number;
  readonly chosenMean: number;
  /** Each image scored by the candidate chosen on all the others. */
  readonly heldOut: readonly HeldOut[];
  /** Mean of those held-out scores: what the choosing rule is worth on an image it did not see. */
  readonly heldOutMean: number;
  /** Images whose leave-one-out choice is the full-set choice. */
  readonly agreeing: number;
  /** Mean of the per-image best scores (the unreachable bound of choosing per image). */
  readonly oracleMean: number;
  /** Two halves (images alternately): chosen on one, scored on the other; both ways. */
  readonly halves: readonly {
    readonly chosenOn: readonly string[];
    readonly chosen: number;
    /** Its mean on the other half, and the mean there of the other half's own choice. */
    readonly otherMean: number;
    readonly otherOwnMean: number;
  }[];
}

/** Leave-one-image-out and two-halves validation of choosing the candidate with the best mean. */
export function generalisation(table: CandidateTable): Generalisation {
  const all = table.images.map((_, i) => i);
  const chosen = chooseOn(table, all);
  const heldOut: HeldOut[] = all.map((i) => {
    const c = chooseOn(
      table,
      all.filter((j) => j !== i),
    );
    const best = chooseOn(table, [i]);
    return {
      image: table.images[i],
      chosen: c,
      score: table.scores[c][i],
      best,
      bestScore: table.scores[best][i],
    };
  });
  const a = all.filter((i) => i % 2 === 0);
  const b = all.filter((i) => i % 2 === 1);
  const half = (on: number[], other: number[]) => {
    const c = chooseOn(table, on);
    return {
      chosenOn: on.map((i) => table.images[i]),
      chosen: c,
      otherMean: meanOn(table, c, other),
      otherOwnMean: meanOn(table, chooseOn(table, other), other),
    };
  };
  const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  return {
    chosen,
    chosenMean: meanOn(table, chosen, all),
    heldOut,
    heldOutMean: mean(heldOut.map((h) => h.score)),
    agreeing: heldOut.filter((h) => h.chosen === chosen).length,
    oracleMean: mean(heldOut.map((h) => h.bestScore)),
    halves: [half(a, b), half(b, a)],
  };
}
