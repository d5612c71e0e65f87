import { createRng, definePlugin, prepareTask, type RgbImage } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { knnPlugin } from "./plugin.js";
import { firstNeighbours } from "./study.js";

const ctx = { seed: 0, rng: createRng(0) };

/** Noisy diagonal bands, with runs of identical patches (ties the vote must break the agent's way). */
function bands(width: number, height: number, seed: number): RgbImage {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const band = (x + 2 * y) % 10 < 5;
      data[o] = band ? 190 + rng.int(50) : 20 + rng.int(30);
      data[o + 1] = band ? 70 + rng.int(30) : 140 + rng.int(70);
      data[o + 2] = y < 3 ? 0 : rng.int(255);
    }
  }
  return { width, height, data };
}

describe("firstNeighbours", () => {
  it("keeps the first j of each query's k neighbours", () => {
    const n = { indices: Int32Array.of(5, 6, 7, 1, 2, 3), k: 3 };
    expect([...firstNeighbours(n, 2)]).toEqual([5, 6, 1, 2]);
    expect(firstNeighbours(n, 3)).toBe(n.indices);
    expect(() => firstNeighbours(n, 4)).toThrow(/4 neighbours of a search for 3/);
  });
});

describe("the basic agent's strip study", () => {
  it("declares the basic role, and its study passes definePlugin's checks", () => {
    expect(knnPlugin.meta.role).toBe("basic");
    expect(knnPlugin.study?.param).toBe("neighbours");
    expect(knnPlugin.study?.sweep).toEqual([1, 2, 4, 6, 8, 12, 16]);
    expect(() => definePlugin({ ...knnPlugin })).not.toThrow();
  });

  it("labels every neighbour count and palette from one search exactly as the agent predicts them", async () => {
    const image = bands(40, 22, 7);
    // Two palettes of the same photograph: the gray, hence the search, is the same for both.
    const tasks = [3, 6].map((k) => prepareTask(image, { k, seed: 1 }));
    for (const patchSize of [3, 5]) {
      const config = { neighbours: 6, patchSize, search: "auto" };
      const values = [1, 2, 5, 9];
      const labelsOf = await knnPlugin.study!.prepare(tasks[0].train, tasks[0].test, config, { values });
      for (const task of tasks) {
        for (const neighbours of values) {
          const agent = knnPlugin.create({ ...config, neighbours });
          await agent.fit(task.train, ctx);
          const expected = (await agent.predict(task.test, ctx)).labels!;
          const got = labelsOf(neighbours, task.train.labels, task.palette.size);
          expect(
            Array.from(got),
            `k ${task.palette.size}, ${neighbours} neighbours, patch ${patchSize}`,
          ).toEqual(Array.from(expected));
        }
      }
      // Without values it prepares for the configuration's own count, and refuses more.
      const own = await knnPlugin.study!.prepare(tasks[0].train, tasks[0].test, config);
      expect(own(6, tasks[0].train.labels, 3)).toHaveLength(tasks[0].test.width * tasks[0].test.height);
      expect(() => own(7, tasks[0].train.labels, 3)).toThrow(/7 neighbours of a search for 6/);
    }
  });
});
