import { imageKey, slug } from "./plan.js";
import { type ChartSeries, lineChart, svgFigure } from "./report/svg-chart.js";
import type { EvalResults, SweepSummary } from "./schema.js";

/**
 * A plot of a results document: an SVG document, written as `NAME.svg` and rendered to `NAME.png`
 * beside it, and inlined in report.html.
 */
export interface Plot {
  /** Path relative to the output folder, without extension, e.g. `plots/coffee-png-k-study`. */
  readonly name: string;
  /** What the plot shows, in one sentence (the figure's accessible title). */
  readonly title: string;
  readonly svg: string;
}

/** Two panels side by side fill the report's column (1120 SVG pixels). */
const HALF = { width: 560 } as const;
const THIRD = { width: 374 } as const;

/** Name of an image's training curves for one agent. */
export const curvesPlot = (image: string, agent: string) =>
  `plots/${slug(imageKey(image))}-curves-${slug(agent)}`;
/** Name of an image's k study plot. */
export const kStudyPlot = (image: string) => `plots/${slug(imageKey(image))}-k-study`;
/** Name of one sweep's plot (every image as a series). */
export const sweepPlot = (agent: string, param: string) => `plots/sweep-${slug(agent)}-${slug(param)}`;

/** Training and validation curves of each learned agent on each image's first seed. */
function curvePlots(results: EvalResults): Plot[] {
  const out: Plot[] = [];
  const first = results.plan.seeds[0];
  for (const u of results.units) {
    if (u.seed !== first) continue;
    for (const a of u.agents) {
      if (a.history.length === 0) continue;
      const epochs = a.history.map((h) => h.epoch);
      const series: ChartSeries[] = [
        { label: "train loss", x: epochs, y: a.history.map((h) => h.trainLoss) },
      ];
      if (a.history.some((h) => h.validLoss !== undefined)) {
        series.push({
          label: "validation loss",
          x: epochs,
          y: a.history.map((h) => h.validLoss ?? Number.NaN),
        });
      }
      const marks = a.bestEpoch !== null ? [{ x: a.bestEpoch, label: `kept: epoch ${a.bestEpoch}` }] : [];
      const panels = [
        lineChart({
          ...HALF,
          title: `${a.name}: loss per epoch`,
          xLabel: "epoch",
          yLabel: "loss",
          series,
          marks,
        }),
      ];
      if (a.history.some((h) => h.validMetric !== undefined)) {
        panels.push(
          lineChart({
            ...HALF,
            title: `${a.name}: validation ${a.metric ?? "metric"} per epoch`,
            xLabel: "epoch",
            yLabel: "validation score",
            series: [
              { label: "validation", x: epochs, y: a.history.map((h) => h.validMetric ?? Number.NaN) },
            ],
            marks,
          }),
        );
      }
      const title = `${imageKey(u.image)}, ${a.name}, seed ${u.seed}: training and validation curves`;
      out.push({ name: curvesPlot(u.image, a.name), title, svg: svgFigure(panels, title) });
    }
  }
  return out;
}

/** The k study of each image: quantisation error, validation ΔE2000 and label accuracy against k. */
function kStudyPlots(results: EvalResults): Plot[] {
  const out: Plot[] = [];
  for (const img of results.summary.images) {
    const ks = img.kStudy;
    if (!ks) continue;
    const x = ks.points.map((p) => p.k);
    const marks = [{ x: ks.recommendedK, label: `recommended k = ${ks.recommendedK}` }];
    const name = imageKey(img.image);
    const panels = [
      lineChart({
        ...THIRD,
        title: `quantisation RMSE of the training band (elbow at k = ${ks.elbowK})`,
        xLabel: "k (palette colours)",
        yLabel: "RMSE",
        series: [
          {
            label: "quantisation RMSE",
            x,
            y: ks.points.map((p) => p.quantisationRmse.mean),
            err: ks.points.map((p) => p.quantisationRmse.sd),
          },
        ],
        marks: [{ x: ks.elbowK, label: `elbow k = ${ks.elbowK}` }],
      }),
      lineChart({
        ...THIRD,
        title: "basic agent on the validation strip: ΔE2000",
        xLabel: "k (palette colours)",
        yLabel: "ΔE2000",
        series: [
          {
            label: "validation ΔE2000",
            x,
            y: ks.points.map((p) => p.deltaE2000.mean),
            err: ks.points.map((p) => p.deltaE2000.sd),
          },
        ],
        marks,
      }),
      lineChart({
        ...THIRD,
        title: "basic agent on the validation strip: label accuracy",
        xLabel: "k (palette colours)",
        yLabel: "accuracy",
        series: [
          {
            label: "label accuracy",
            x,
            y: ks.points.map((p) => p.labelAccuracy.mean),
            err: ks.points.map((p) => p.labelAccuracy.sd),
          },
        ],
        marks,
        yInclude: [0, 1],
      }),
    ];
    const title = `${name}: the k study (palette sizes ${x[0]} to ${x[x.length - 1]})`;
    out.push({ name: kStudyPlot(img.image), title, svg: svgFigure(panels, title) });
  }
  return out;
}

/** Each numeric sweep: validation ΔE2000 and seconds against the value, one series per image. */
function sweepPlots(results: EvalResults): Plot[] {
  const out: Plot[] = [];
  for (const spec of results.plan.sweeps) {
    if (!spec.values.every((v) => typeof v === "number")) continue;
    const per = results.summary.images
      .map((img) => ({ img, s: img.sweeps.find((s) => s.agent === spec.agent && s.param === spec.param) }))
      .filter(
        (p): p is { img: (typeof results.summary.images)[number]; s: SweepSummary } => p.s !== undefined,
      );
    if (per.length === 0) continue;
    const series = (pick: (p: SweepSummary["points"][number]) => { mean: number; sd: number }) =>
      per.map(({ img, s }) => ({
        label: imageKey(img.image),
        x: s.points.map((p) => p.value as number),
        y: s.points.map((p) => pick(p).mean),
        err: s.points.map((p) => pick(p).sd),
      }));
    const current = results.plan.agents.find((a) => a.name === spec.agent)?.config[spec.param];
    const marks = typeof current === "number" ? [{ x: current, label: `default ${current}` }] : [];
    const panels = [
      lineChart({
        ...HALF,
        plotHeight: 260,
        title: `${spec.agent}: validation ΔE2000 against ${spec.param}`,
        xLabel: spec.param,
        yLabel: "ΔE2000",
        series: series((p) => p.deltaE2000),
        marks,
      }),
      lineChart({
        ...HALF,
        plotHeight: 260,
        title: `${spec.agent}: seconds (fit + predict on the strip) against ${spec.param}`,
        xLabel: spec.param,
        yLabel: "seconds",
        series: series((p) => p.seconds),
        marks,
      }),
    ];
    const title = `${spec.agent}.${spec.param}: validation ΔE2000 and seconds per value, one line per image`;
    out.push({ name: sweepPlot(spec.agent, spec.param), title, svg: svgFigure(panels, title) });
  }
  return out;
}

/**
 * Every plot of a results document, drawn from the document alone (so merged shards plot exactly
 * as a single run would).
 */
export function resultPlots(results: EvalResults): Plot[] {
  return [...curvePlots(results), ...kStudyPlots(results), ...sweepPlots(results)];
}
