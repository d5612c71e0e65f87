/** An agent's score as the verdict needs it. */
export interface VerdictEntry {
  readonly name: string;
  /** The role its plugin declares (`basic` for the basic agent), if any. */
  readonly role?: string | null;
  /** Mean CIEDE2000 on the right half (lower is better); NaN when it has none. */
  readonly deltaE2000: number;
}

/** The best agent of a comparison and how it stands against the basic agent. */
export interface Verdict {
  readonly best: string;
  /** The one-line verdict, e.g. `rgb-mlp: ΔE2000 4.70, 27 % below the basic agent knn (6.44)`. */
  readonly text: string;
}

/**
 * The one-line verdict of a comparison of two or more agents, shared by `colorize run`, the
 * dashboard and the report: the agent with the lowest ΔE2000 and how much lower it is than the
 * agent whose plugin declares the basic role (the first such agent). Null with fewer than two
 * agents that have a score.
 */
export function verdict(agents: readonly VerdictEntry[]): Verdict | null {
  const scored = agents.filter((a) => Number.isFinite(a.deltaE2000));
  if (scored.length < 2) return null;
  // The first of equal scores wins, so that the order of the run breaks ties.
  const best = scored.reduce((b, a) => (a.deltaE2000 < b.deltaE2000 ? a : b));
  const basic = scored.find((a) => a.role === "basic");
  const head = `${best.name}: ΔE2000 ${best.deltaE2000.toFixed(2)}`;
  let tail: string;
  if (!basic) tail = `best of ${scored.length} agents (none of them declares the basic role)`;
  else if (basic === best) tail = `the basic agent is the best of ${scored.length} agents`;
  else if (basic.deltaE2000 === best.deltaE2000) tail = `as low as the basic agent ${basic.name}`;
  else {
    const below = (100 * (basic.deltaE2000 - best.deltaE2000)) / basic.deltaE2000;
    const amount = below >= 0.5 ? `${Math.round(below)} %` : "less than 1 %";
    tail = `${amount} below the basic agent ${basic.name} (${basic.deltaE2000.toFixed(2)})`;
  }
  return { best: best.name, text: `${head}, ${tail}` };
}
