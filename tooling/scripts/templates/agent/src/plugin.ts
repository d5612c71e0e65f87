import {
  type AgentSnapshot,
  agentFactory,
  type Config,
  definePlugin,
  type FitReport,
  type Palette,
  type Plugin,
  type Prediction,
  paintLabels,
  paletteFromArray,
  paletteToArray,
  type RunContext,
  type TestSet,
  type TrainSet,
  throwIfAborted,
} from "@colorize/core";

const NAME = "@colorize/plugin-__name__";
const VERSION = "0.1.0";

const params = {
  bins: {
    type: "integer",
    default: 32,
    min: 2,
    max: 256,
    description: "gray levels are cut into this many equal bins",
  },
} as const;

/** What the agent learns: the palette and, per gray bin, the palette label it paints. */
interface State {
  palette: number[][];
  table: number[];
}

/** The most common palette label of the training pixels in each gray bin; empty bins copy the nearest filled one. */
function learnTable(train: TrainSet, bins: number): number[] {
  const k = train.palette.size;
  const counts = new Int32Array(bins * k);
  for (let i = 0; i < train.gray.length; i++) counts[binOf(train.gray[i], bins) * k + train.labels[i]]++;
  const table = new Array<number>(bins).fill(-1);
  for (let b = 0; b < bins; b++) {
    let best = -1;
    for (let c = 0; c < k; c++) {
      const n = counts[b * k + c];
      if (n > 0 && (best < 0 || n > counts[b * k + best])) best = c;
    }
    table[b] = best;
  }
  const filled = table.slice();
  for (let b = 0; b < bins; b++) {
    for (let d = 1; table[b] < 0 && d < bins; d++) {
      if (b - d >= 0 && filled[b - d] >= 0) table[b] = filled[b - d];
      else if (b + d < bins && filled[b + d] >= 0) table[b] = filled[b + d];
    }
  }
  return table;
}

function binOf(gray: number, bins: number): number {
  return Math.min(bins - 1, Math.floor((gray / 256) * bins));
}

function makeAgent(config: Config, saved?: State) {
  const bins = config.bins as number;
  let state = saved;
  return {
    async fit(train: TrainSet, ctx: RunContext): Promise<FitReport> {
      throwIfAborted(ctx.signal);
      state = { palette: paletteToArray(train.palette), table: learnTable(train, bins) };
      ctx.onProgress?.({ type: "stage", stage: "fit", fraction: 1 });
      return { facts: { bins }, backend: "js" };
    },
    async predict(test: TestSet, ctx: RunContext): Promise<Prediction> {
      if (!state) throw new Error(`${NAME} must be fitted before it predicts`);
      throwIfAborted(ctx.signal);
      const palette: Palette = paletteFromArray(state.palette);
      const labels = new Uint8Array(test.gray.length);
      for (let i = 0; i < labels.length; i++) labels[i] = state.table[binOf(test.gray[i], bins)];
      ctx.onProgress?.({ type: "stage", stage: "predict", fraction: 1 });
      return { rgb: paintLabels(palette, labels), labels, backend: "js" };
    },
    toJSON(): AgentSnapshot {
      if (!state) throw new Error(`${NAME} has nothing to save before it is fitted`);
      return { plugin: NAME, version: VERSION, config, state };
    },
  };
}

/** Paints each pixel with the palette colour most common at its gray level in the left half. */
export const __camel__Plugin: Plugin = definePlugin({
  meta: {
    name: NAME,
    version: VERSION,
    kind: "agent",
    description: {
      summary: "paints each pixel with the palette colour most common at its gray level in the left half",
      input: "the pixel's gray value",
      output: "one of the k palette colours per pixel",
      model: "a lookup table from gray bin to palette label",
      loss: "none; each bin takes its majority label",
      algorithm: "counting",
      preprocessing: "none",
      overfitting: "few parameters (one label per bin)",
    },
  },
  capabilities: { output: "label", backends: ["js"], gradients: false, iterative: false },
  params,
  // create parses the configuration; restore also refuses another plugin's snapshot, or one of
  // another major.minor VERSION (bump it when defaults or the saved state change meaning).
  ...agentFactory<State>(NAME, params, makeAgent, VERSION),
});
