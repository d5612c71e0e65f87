import { fileURLToPath } from "node:url";
import { loadPluginFrom } from "@colorize/runtime";
import { syntheticImage } from "@colorize/runtime/testing";
import { describe, expect, it } from "vitest";
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
