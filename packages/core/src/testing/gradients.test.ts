import { describe, expect, it } from "vitest";
import { gradientCheck } from "../model/gradient-check.js";
import { Mlp } from "../model/mlp.js";
import type { Model } from "../model/model.js";
import { softmaxCrossEntropy } from "../model/softmax.js";
import { createRng } from "../prng.js";
import { checkGradients, layerBlocks } from "./gradients.js";
import { separableProblem } from "./sanity.js";

const rtol = 1e-6;

function mlp(): Mlp {
  const m = new Mlp({ inputSize: 2, hidden: [3], activation: "tanh", head: softmaxCrossEntropy(2) });
  m.init(createRng(1));
  return m;
}

/** The same model, showing only some of its parameter blocks to the checker. */
function hiding(m: Model, blocks: Model["paramBlocks"]): Model {
  return {
    inputSize: m.inputSize,
    outputSize: m.outputSize,
    paramBlocks: blocks,
    params: m.params,
    grads: m.grads,
    forward: (x, n, out) => m.forward(x, n, out),
    lossAndGradient: (b) => m.lossAndGradient(b),
  };
}

describe("checkGradients", () => {
  const { batch } = separableProblem(6, 2, 2, 3);

  it("passes a correct gradient over every block, and returns one check per block", () => {
    const checks = checkGradients(mlp(), batch, { blocks: layerBlocks(2), rtol });
    expect(checks.map((c) => c.name)).toEqual([
      "layer1.weight",
      "layer1.bias",
      "layer2.weight",
      "layer2.bias",
    ]);
  });

  it("fails a check over nothing, which gradientCheck alone lets through", () => {
    const none = hiding(mlp(), []);
    // A loop over gradientCheck's result asserts nothing here: the case this helper exists for.
    expect(gradientCheck(none, batch)).toEqual([]);
    expect(() => checkGradients(none, batch, { blocks: layerBlocks(2), rtol })).toThrow(
      /has parameter blocks \[\], expected \[layer1\.weight/,
    );
    expect(() => checkGradients(none, batch, { blocks: [], rtol })).toThrow(/cover 0 of 17 parameters/);
  });

  it("fails an empty block, a block left out, and a wrong gradient", () => {
    const m = mlp();
    const [w1, b1, w2, b2] = m.paramBlocks;
    const empty = hiding(m, [w1, { ...b1, size: 0 }, { ...w2, offset: b1.offset }, b2]);
    expect(() => checkGradients(empty, batch, { blocks: layerBlocks(2), rtol })).toThrow(
      /layer1\.bias is empty/,
    );
    const partial = hiding(m, [w1, b1, w2]);
    expect(() =>
      checkGradients(partial, batch, { blocks: ["layer1.weight", "layer1.bias", "layer2.weight"], rtol }),
    ).toThrow(/cover 15 of 17 parameters/);
    const inner = m.lossAndGradient.bind(m);
    m.lossAndGradient = (b) => {
      const loss = inner(b);
      m.grads[w2.offset + 1] *= 1.01;
      return loss;
    };
    expect(() => checkGradients(m, batch, { blocks: layerBlocks(2), rtol })).toThrow(
      /^layer2\.weight: relative error .* at 1 /,
    );
  });
});
