import type { Agent } from "../agent.js";
import { cropColumns, type RgbImage } from "../image.js";
import { definePlugin, type Plugin } from "../plugin.js";
import { prepareTask, type Task } from "../prepare.js";
import { splitColumn } from "../split.js";
import type { TestSet } from "../task.js";
import type { PrepareTask } from "./checks.js";

/**
 * Side doors to the right half's true colours that a pipeline could offer an agent by mistake:
 * `source-image`, the training set carrying the photograph it was cut from (say, kept for a
 * report); `shared-buffer`, the test set's gray x 100 viewing one allocation that also holds the
 * truth just after it (say, to allocate once).
 */
export const SIDE_DOORS = ["source-image", "shared-buffer"] as const;
export type SideDoor = (typeof SIDE_DOORS)[number];

/** The test set's `gray100` as a view into a buffer whose bytes after it are the truth. */
function packedWithTruth(test: TestSet, truth: Uint8Array): TestSet {
  const buffer = new ArrayBuffer(test.gray100.byteLength + truth.length);
  const gray100 = new Int32Array(buffer, 0, test.gray100.length);
  gray100.set(test.gray100);
  new Uint8Array(buffer, test.gray100.byteLength).set(truth);
  return { ...test, gray100 };
}

/** Core's `prepareTask` with the side door `door` opened: the task agents receive leaks. */
export function leakyPrepare(door: SideDoor): PrepareTask {
  return (image, options) => {
    const task: Task = prepareTask(image, options);
    if (door === "source-image") return { ...task, train: { ...task.train, source: image } as Task["train"] };
    return { ...task, test: packedWithTruth(task.test, task.truth) };
  };
}

/** The right half's colours if any side door of {@link SIDE_DOORS} is open, else undefined. */
function peek(train: object, test: TestSet): Uint8Array | undefined {
  const source = (train as { source?: RgbImage }).source;
  if (source) return cropColumns(source, splitColumn(source.width), source.width).data;
  const g = test.gray100;
  const n = 3 * test.width * test.height;
  if (g.buffer.byteLength >= g.byteOffset + g.byteLength + n)
    return new Uint8Array(g.buffer, g.byteOffset + g.byteLength, n).slice();
  return undefined;
}

/**
 * A genuinely leaking agent, the negative control of the leak check: it predicts the right
 * half's true colours when the pipeline lets it reach them through a side door, and the gray
 * itself (R = G = B) when no door is open. It is deterministic, so only a leak changes its output.
 */
export const peekingPlugin: Plugin = definePlugin({
  meta: {
    name: "@colorize/plugin-peeking",
    version: "0.0.0",
    kind: "agent",
    description: { summary: "a control that reads the right half's colours through any side door" },
  },
  capabilities: { output: "rgb", backends: ["js"], gradients: false, iterative: false },
  params: {},
  create: () => makePeeking(),
  restore: () => makePeeking(),
});

function makePeeking(): Agent {
  let seen: object | undefined;
  return {
    async fit(train, ctx) {
      seen = train;
      ctx.onProgress?.({ type: "stage", stage: "fit", fraction: 1 });
      return {};
    },
    async predict(test) {
      const truth = seen && peek(seen, test);
      if (truth) return { rgb: truth, backend: "js" };
      const rgb = new Uint8Array(3 * test.width * test.height);
      for (let i = 0; i < test.gray.length; i++) rgb.fill(Math.round(test.gray[i]), 3 * i, 3 * i + 3);
      return { rgb, backend: "js" };
    },
    toJSON: () => ({ plugin: "@colorize/plugin-peeking", version: "0.0.0", config: {}, state: null }),
  };
}
