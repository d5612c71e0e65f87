import { fmt, ratio, table } from "../harness.js";
import { PEERS, type PeerTree, type ReferenceProbe, type ReferenceRun } from "../independent.js";

/** The peers in the order of the table's columns. */
export const PEER_ORDER: readonly PeerTree[] = ["pykdtree", "ckdtree"];

/** One photograph's row: our whole `colorize run` process and each peer's search of the same patches. */
export interface PeerRow {
  readonly photo: string;
  readonly size: string;
  readonly pixels: number;
  /** `colorize run`, spawn to exit, seconds (the best of the runs). */
  readonly runSeconds: number;
  readonly peakRssMiB: number;
  readonly peers: Partial<Record<PeerTree, ReferenceRun>>;
}

/** A peer's search alone (tree build + query), or NaN when it did not run. */
export function peerSearch(run: ReferenceRun | undefined): number {
  return run?.available ? run.build + run.query : Number.NaN;
}

/** How many times faster our whole process is than the peer's search alone (NaN when it did not run). */
export function speedUp(row: PeerRow, tree: PeerTree): number {
  return ratio(peerSearch(row.peers[tree]), row.runSeconds);
}

/** The table of whole runs against the peers' searches, with a line per peer that did not run. */
export function peersText(
  rows: readonly PeerRow[],
  probes: Readonly<Record<PeerTree, ReferenceProbe>>,
  threads: number,
): string {
  const header = ["photo", "size", "colorize run s (whole process)", "peak RSS MiB"];
  for (const t of PEER_ORDER)
    header.push(`${PEERS[t].label} search s (${threads} threads)`, `speed-up vs ${PEERS[t].label}`);
  header.push("same distances");
  const body = rows.map((r) => {
    const cells: (string | number)[] = [r.photo, r.size, r.runSeconds, Math.round(r.peakRssMiB)];
    const same: string[] = [];
    for (const t of PEER_ORDER) {
      const p = r.peers[t];
      cells.push(peerSearch(p), speedUp(r, t));
      if (p?.available) same.push(`${t} ${p.same}/${p.queries}`);
    }
    cells.push(same.join(", ") || "-");
    return cells;
  });
  const notes: string[] = [];
  for (const t of PEER_ORDER) {
    const probe = probes[t];
    if (!probe.available) {
      notes.push(`${PEERS[t].label}: not available (${probe.reason})`);
      continue;
    }
    const v = probe.versions;
    const skipped = rows.filter((r) => r.peers[t] && !r.peers[t]?.available);
    const why = skipped.map((r) => {
      const p = r.peers[t];
      return `${r.photo} (${p && !p.available ? p.reason : ""})`;
    });
    notes.push(
      `${PEERS[t].label} ${v.version}, numpy ${v.numpy}, Python ${v.python} (${v.executable})` +
        (why.length ? `; not run on ${why.join(", ")}` : ""),
    );
    if (rows.some((r) => sameAll(r.peers[t]) === false))
      notes.push(
        `${PEERS[t].label}: some queries' neighbour distances differ from ours (see the last column)`,
      );
  }
  return [
    "Whole `colorize run` process (spawn to exit: start-up, decode, k-means, index, search, vote, scores, " +
      "PNG written; best of the runs) against each peer's search alone (tree build + 6-NN query, default " +
      `leaf size, ${threads} threads) on the same 3x3 gray x 100 patches as float64, in its own Python ` +
      "process; every query's sorted squared neighbour distances are compared with ours (indices may " +
      "differ where distances tie). Speed-up = the peer's search time / our whole run.",
    table(header, body),
    ...notes,
  ].join("\n\n");
}

function sameAll(run: ReferenceRun | undefined): boolean | undefined {
  return run?.available ? run.same === run.queries : undefined;
}

/** A target of the basic agent's speed, and whether this run met it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

/** The issue's targets, checked against this run's rows (undefined when not measured). */
export function checkTargets(rows: readonly PeerRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const byName = (n: string) => rows.find((r) => r.photo === n);
  const ratios = rows
    .filter((r) => r.pixels <= 4_000_000)
    .map((r) => ({ photo: r.photo, x: speedUp(r, "pykdtree") }));
  const measured = ratios.filter((r) => Number.isFinite(r.x));
  if (measured.length > 0) {
    const worst = measured.reduce((a, b) => (b.x < a.x ? b : a));
    const below = measured.filter((r) => r.x < 2).map((r) => `${r.photo} ${fmt(r.x)}x`);
    checks.push({
      target: "every photograph up to 4 MP: whole run at least 2x faster than pykdtree's search",
      measured: `${measured.length} photographs, lowest ${fmt(worst.x)}x (${worst.photo})${below.length ? `; below 2x: ${below.join(", ")}` : ""}`,
      met: below.length === 0 && measured.length === ratios.length,
    });
  }
  const retina = byName("retina.jpg");
  if (retina)
    checks.push({
      target: "retina.jpg: whole run at most 3 s",
      measured: `${fmt(retina.runSeconds)} s`,
      met: retina.runSeconds <= 3,
    });
  const baboon = byName("baboon.jpg");
  if (baboon)
    checks.push({
      target: "baboon.jpg: whole run at most 1 s",
      measured: `${fmt(baboon.runSeconds)} s`,
      met: baboon.runSeconds <= 1,
    });
  for (const r of rows.filter((r) => r.pixels > 10_000_000))
    checks.push({
      target: `${r.photo}: whole run at most 20 s, peak RSS at most 2 GiB`,
      measured: `${fmt(r.runSeconds)} s, ${Math.round(r.peakRssMiB)} MiB`,
      met: r.runSeconds <= 20 && r.peakRssMiB <= 2048,
    });
  return checks;
}

/** The targets as Markdown lines. */
export function targetsText(checks: readonly TargetCheck[]): string {
  return checks
    .map(
      (c) =>
        `- ${c.target}: ${c.measured}: ${c.met === undefined ? "not measured" : c.met ? "met" : "NOT met"}`,
    )
    .join("\n");
}
