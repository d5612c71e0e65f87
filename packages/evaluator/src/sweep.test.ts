import { fileURLToPath } from "node:url";
import { loadPluginFrom } from "@colorize/runtime";
import { syntheticImage } from "@colorize/runtime/testing";
import { describe, expect, it } from "vitest";
import { firstNeighbours } from "./strip-search.js";
import { runSweeps } from "./sweep.js";

describe("runSweeps", () => {
  it("the basic agent's neighbour sweep from one search equals running the agent per value", async () => {
    const knn = await loadPluginFrom(fileURLToPath(new URL("../../plugin-knn", import.meta.url)));
    const image = syntheticImage(48, 20, 4);
    const agents = [{ name: "knn", loaded: knn, config: { neighbours: 6, patchSize: 3, search: "auto" } }];
    const specs = [{ agent: "knn", param: "neighbours", values: [1, 2, 5, 9] }];
    const options = { k: 4, seed: 2 };
    const fast = await runSweeps(image, specs, agents, options);
    const slow = await runSweeps(image, specs, agents, { ...options, generic: true });
    const scores = (ps: typeof fast) => ps.map((p) => [p.value, p.validation, p.error]);
    expect(scores(fast)).toEqual(scores(slow));
    // A parameter the schema refuses is recorded as a failed point, and the sweep goes on.
    const bad = await runSweeps(
      image,
      [{ agent: "knn", param: "patchSize", values: [2, 3] }],
      agents,
      options,
    );
    expect(bad.map((p) => p.error === null)).toEqual([false, true]);
    expect(bad[0].error).toMatch(/odd/);
  });
});

describe("firstNeighbours", () => {
  it("keeps the first j of each query's k neighbours", () => {
    const n = { indices: Int32Array.of(5, 6, 7, 1, 2, 3), k: 3 };
    expect([...firstNeighbours(n, 2)]).toEqual([5, 6, 1, 2]);
    expect(firstNeighbours(n, 3)).toBe(n.indices);
    expect(() => firstNeighbours(n, 4)).toThrow(/4 neighbours of a search for 3/);
  });
});
