import { METRIC_KEYS, type Metrics } from "@colorize/core";
import { summariseKStudy } from "./k-study.js";
import type { EvalPlan, ImageSummary, OverallSummary, Stat, SweepSummary, UnitResult } from "./schema.js";
import { stat } from "./stats.js";

/** The label of the evaluation's basic agent: its first agent whose plugin declares the basic role. */
export function basicAgentName(plan: EvalPlan): string | undefined {
  return plan.agents.find((a) => a.role === "basic")?.name;
}

function metricStats(rows: readonly Metrics[]): Record<keyof Metrics, Stat> {
  const out = {} as Record<keyof Metrics, Stat>;
  for (const k of METRIC_KEYS) out[k] = stat(rows.map((m) => m[k]));
  return out;
}

function sweepSummaries(units: readonly UnitResult[]): SweepSummary[] {
  const out: SweepSummary[] = [];
  const all = units.flatMap((u) => u.sweeps);
  const keys = [...new Set(all.map((p) => `${p.agent}\u0000${p.param}`))];
  for (const key of keys) {
    const [agent, param] = key.split("\u0000");
    const mine = all.filter((p) => p.agent === agent && p.param === param);
    const values = [...new Set(mine.map((p) => JSON.stringify(p.value)))].map(
      (v) => JSON.parse(v) as number | string | boolean,
    );
    out.push({
      agent,
      param,
      points: values.map((value) => {
        const at = mine.filter((p) => p.value === value);
        const ok = at.filter((p) => p.validation !== null);
        return {
          value,
          deltaE2000: stat(ok.map((p) => p.validation!.deltaE2000)),
          labelAccuracy: stat(ok.map((p) => p.validation!.labelAccuracy)),
          seconds: stat(at.map((p) => p.seconds)),
          failed: at.length - ok.length,
        };
      }),
    });
  }
  return out;
}

/** Per-image summaries over seeds, in plan order; images with no unit (another shard's) are left out. */
export function summariseImages(plan: EvalPlan, units: readonly UnitResult[]): ImageSummary[] {
  const out: ImageSummary[] = [];
  for (const image of plan.images) {
    const mine = units.filter((u) => u.image === image).sort((a, b) => a.unit - b.unit);
    if (mine.length === 0) continue;
    const names = plan.agents
      .map((a) => a.name)
      .filter((n) => mine.some((u) => u.agents.some((a) => a.name === n)));
    const kRuns = mine.filter((u) => u.kStudy !== null).map((u) => u.kStudy!);
    out.push({
      image,
      width: mine[0].width,
      height: mine[0].height,
      agents: names.map((name) => {
        const runs = mine.flatMap((u) => u.agents.filter((a) => a.name === name));
        return {
          name,
          metrics: metricStats(runs.map((r) => r.metrics)),
          seconds: stat(runs.map((r) => r.seconds)),
          backend: [...new Set(runs.map((r) => r.backend))].join(", "),
        };
      }),
      baselines: {
        gray: metricStats(mine.map((u) => u.baselines.gray)),
        paletteCeiling: metricStats(mine.map((u) => u.baselines.paletteCeiling)),
      },
      kStudy: kRuns.length > 0 ? summariseKStudy(kRuns) : null,
      sweeps: sweepSummaries(mine),
    });
  }
  return out;
}

/** Every agent over every image and seed, and on how many images it beats the basic agent. */
export function summariseOverall(
  plan: EvalPlan,
  units: readonly UnitResult[],
  images: readonly ImageSummary[],
): OverallSummary {
  const basic = basicAgentName(plan);
  return {
    agents: plan.agents.map((a) => {
      const runs = units.flatMap((u) => u.agents.filter((r) => r.name === a.name));
      let beats: number | null = null;
      if (basic !== undefined && basic !== a.name) {
        beats = 0;
        for (const img of images) {
          const me = img.agents.find((r) => r.name === a.name)?.metrics.deltaE2000.mean;
          const them = img.agents.find((r) => r.name === basic)?.metrics.deltaE2000.mean;
          if (me !== undefined && them !== undefined && me < them) beats++;
        }
      }
      return {
        name: a.name,
        metrics: metricStats(runs.map((r) => r.metrics)),
        seconds: stat(runs.map((r) => r.seconds)),
        beatsBasicOn: beats,
      };
    }),
  };
}

/** Agents whose prediction changed when the right half's colours were scrambled, in any unit. */
export function leakingAgents(units: readonly UnitResult[]): string[] {
  const out = new Set<string>();
  for (const u of units) for (const l of u.leakCheck ?? []) if (!l.identical) out.add(l.agent);
  return [...out].sort();
}
