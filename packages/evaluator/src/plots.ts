import { encodePng } from "@colorize/image-io";
import type { Artifact } from "./artifacts.js";
import { imageKey, slug } from "./plan.js";
import { stackVertical } from "./raster/layout.js";
import { type PlotSeries, renderPlot } from "./raster/plot.js";
import type { EvalResults, SweepSummary } from "./schema.js";

const PANEL = { width: 760, height: 300 } as const;

/** File of an image's training curves for one agent. */
export const curvesFile = (image: string, agent: string) =>
  `plots/${slug(imageKey(image))}-curves-${slug(agent)}.png`;
/** File of an image's k study plot. */
export const kStudyFile = (image: string) => `plots/${slug(imageKey(image))}-k-study.png`;
/** File of one sweep's plot (every image as a series). */
export const sweepFile = (agent: string, param: string) => `plots/sweep-${slug(agent)}-${slug(param)}.png`;

/** Training and validation curves of each learned agent on each image's first seed. */
function curvePlots(results: EvalResults): Artifact[] {
  const out: Artifact[] = [];
  const first = results.plan.seeds[0];
  for (const u of results.units) {
    if (u.seed !== first) continue;
    for (const a of u.agents) {
      if (a.history.length === 0) continue;
      const epochs = a.history.map((h) => h.epoch);
      const series: PlotSeries[] = [{ label: "train loss", x: epochs, y: a.history.map((h) => h.trainLoss) }];
      if (a.history.some((h) => h.validLoss !== undefined)) {
        series.push({
          label: "validation loss",
          x: epochs,
          y: a.history.map((h) => h.validLoss ?? Number.NaN),
        });
      }
      const marks = a.bestEpoch !== null ? [{ x: a.bestEpoch, label: `kept: epoch ${a.bestEpoch}` }] : [];
      const panels = [
        renderPlot({
          ...PANEL,
          title: `${imageKey(u.image)}, ${a.name}, seed ${u.seed}: loss per epoch`,
          xLabel: "epoch",
          yLabel: "loss",
          series,
          marks,
        }),
      ];
      if (a.history.some((h) => h.validMetric !== undefined)) {
        panels.push(
          renderPlot({
            ...PANEL,
            title: `validation ${a.metric ?? "metric"} per epoch`,
            xLabel: "epoch",
            yLabel: "validation score",
            series: [
              { label: "validation", x: epochs, y: a.history.map((h) => h.validMetric ?? Number.NaN) },
            ],
            marks,
          }),
        );
      }
      out.push({ file: curvesFile(u.image, a.name), png: encodePng(stackVertical(panels)) });
    }
  }
  return out;
}

/** The k study of each image: quantisation error, validation ΔE2000 and label accuracy against k. */
function kStudyPlots(results: EvalResults): Artifact[] {
  const out: Artifact[] = [];
  for (const img of results.summary.images) {
    const ks = img.kStudy;
    if (!ks) continue;
    const x = ks.points.map((p) => p.k);
    const marks = [{ x: ks.recommendedK, label: `recommended k = ${ks.recommendedK}` }];
    const name = imageKey(img.image);
    const panels = [
      renderPlot({
        ...PANEL,
        title: `${name}: quantisation RMSE of the training band (elbow at k = ${ks.elbowK})`,
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
      renderPlot({
        ...PANEL,
        title: `${name}: basic agent on the validation strip, ΔE2000`,
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
      renderPlot({
        ...PANEL,
        title: `${name}: basic agent on the validation strip, label accuracy`,
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
    out.push({ file: kStudyFile(img.image), png: encodePng(stackVertical(panels)) });
  }
  return out;
}

/** Each numeric sweep: validation ΔE2000 and seconds against the value, one series per image. */
function sweepPlots(results: EvalResults): Artifact[] {
  const out: Artifact[] = [];
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
      renderPlot({
        ...PANEL,
        height: 360,
        title: `${spec.agent}: validation ΔE2000 against ${spec.param}`,
        xLabel: spec.param,
        yLabel: "ΔE2000",
        series: series((p) => p.deltaE2000),
        marks,
      }),
      renderPlot({
        ...PANEL,
        height: 360,
        title: `${spec.agent}: seconds (fit + predict on the strip) against ${spec.param}`,
        xLabel: spec.param,
        yLabel: "seconds",
        series: series((p) => p.seconds),
        marks,
      }),
    ];
    out.push({ file: sweepFile(spec.agent, spec.param), png: encodePng(stackVertical(panels)) });
  }
  return out;
}

/**
 * Every plot of a results document, drawn from the document alone (so merged shards plot exactly
 * as a single run would).
 */
export function resultPlots(results: EvalResults): Artifact[] {
  return [...curvePlots(results), ...kStudyPlots(results), ...sweepPlots(results)];
}
