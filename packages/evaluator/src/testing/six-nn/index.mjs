// A second basic agent for the evaluator's tests, in plain JavaScript so worker threads import it
// by path: brute-force exact k-NN over 3x3 gray patches (6 votes by default), written apart from
// the k-NN plugin, under another package name and another parameter name. It declares the basic
// role and a strip study, and nothing outside it names it.
import { definePlugin, extractPatches, paintLabels } from "@colorize/core";

const NAME = "colorize-plugin-six-nn";
const VERSION = "1.0.0";
const SIZE = 3;
const params = {
  votes: { type: "integer", default: 6, min: 1, max: 32, description: "nearest patches that vote" },
};

/** `out[q * k + j]`: the j-th nearest training patch of query q, by squared distance then index. */
function nearest(train, test, k) {
  const d = SIZE * SIZE;
  const n = train.length / d;
  const queries = test.length / d;
  const out = new Int32Array(queries * k);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let q = 0; q < queries; q++) {
    let have = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const diff = test[q * d + c] - train[i * d + c];
        s += diff * diff;
      }
      // Later indices lose ties, so a strictly smaller distance is needed to move up.
      if (have === k && s >= bestD[k - 1]) continue;
      let j = have < k ? have++ : k - 1;
      while (j > 0 && bestD[j - 1] > s) {
        bestD[j] = bestD[j - 1];
        bestI[j] = bestI[j - 1];
        j--;
      }
      bestD[j] = s;
      bestI[j] = i;
    }
    out.set(bestI.subarray(0, k), q * k);
  }
  return out;
}

/** Majority of the first `votes` neighbours' labels; a tie goes to the nearest tied neighbour. */
function vote(found, k, votes, labels, paletteSize) {
  const queries = found.length / k;
  const out = new Uint8Array(queries);
  for (let q = 0; q < queries; q++) {
    const counts = new Array(paletteSize).fill(0);
    for (let j = 0; j < votes; j++) counts[labels[found[q * k + j]]]++;
    const most = Math.max(...counts);
    for (let j = 0; j < votes; j++) {
      const l = labels[found[q * k + j]];
      if (counts[l] === most) {
        out[q] = l;
        break;
      }
    }
  }
  return out;
}

const patches = (band) => extractPatches(band.gray100, band.width, band.height, 0, band.width, SIZE);

function make(config, state) {
  let train = state;
  return {
    async fit(data) {
      train = {
        width: data.width,
        height: data.height,
        gray100: data.gray100,
        labels: data.labels,
        palette: data.palette,
      };
      return { facts: { trainingPatches: data.width * data.height } };
    },
    async predict(test) {
      const found = nearest(patches(train), patches(test), config.votes);
      const labels = vote(found, config.votes, config.votes, train.labels, train.palette.size);
      return { rgb: paintLabels(train.palette, labels), labels, backend: "js:brute-force" };
    },
    toJSON() {
      const { width, height, gray100, labels, palette } = train;
      return {
        plugin: NAME,
        version: VERSION,
        config,
        state: {
          width,
          height,
          gray100: [...gray100],
          labels: [...labels],
          size: palette.size,
          colors: [...palette.colors],
        },
      };
    },
  };
}

export default definePlugin({
  meta: {
    name: NAME,
    version: VERSION,
    kind: "agent",
    role: "basic",
    description: { summary: "a brute-force six-nearest-patch vote (test fixture)" },
  },
  capabilities: { output: "label", backends: ["js"], gradients: false, iterative: false },
  params,
  study: {
    param: "votes",
    sweep: [2, 6, 10],
    async prepare(train, test, config, options = {}) {
      const k = Math.max(...(options.values?.length ? options.values : [config.votes]));
      const found = nearest(patches(train), patches(test), k);
      return (votes, labels, paletteSize) => vote(found, k, votes, labels, paletteSize);
    },
  },
  create: (config) => make({ votes: params.votes.default, ...config }),
  restore: (s) =>
    make(s.config, {
      width: s.state.width,
      height: s.state.height,
      gray100: Int32Array.from(s.state.gray100),
      labels: Uint8Array.from(s.state.labels),
      palette: { size: s.state.size, colors: Uint8Array.from(s.state.colors) },
    }),
});
