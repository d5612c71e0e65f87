import { cropColumns, toGray } from "@colorize/core";
import { describe, expect, it } from "vitest";
import { applyAgent } from "./apply-agent.js";
import { discoverPlugins } from "./discovery.js";
import { startComparison } from "./engine.js";
import { syntheticImage } from "./testing/index.js";

describe("a comparison asked for snapshots", () => {
  for (const isolation of ["inline", "worker"] as const) {
    it(`hands each fitted agent's snapshot to the output listener (${isolation})`, async () => {
      const plugins = await discoverPlugins({ onProblem: () => {} });
      const knn = plugins.find((p) => p.plugin.meta.role === "basic")!;
      const image = syntheticImage(26, 10, 8);
      const got: { rgb: Uint8Array; snapshot?: unknown }[] = [];
      const run = startComparison(
        { image, imagePath: "p.png", agents: [{ loaded: knn }], seed: 1, isolation, snapshots: true },
        () => {},
        (_name, rgb, _task, snapshot) => got.push({ rgb, snapshot }),
      );
      await run.done;
      expect(got).toHaveLength(1);
      const agent = knn.plugin.restore(got[0].snapshot as never);
      const right = toGray(cropColumns(image, 13, 26));
      const applied = await applyAgent(
        agent,
        "label",
        right,
        { gray: { mean: 0, std: 1 }, paletteSize: 5 },
        { seed: 1 },
      );
      expect(Buffer.from(applied.rgb).equals(Buffer.from(got[0].rgb))).toBe(true);
      // Without the option no snapshot is made.
      const plain: unknown[] = [];
      await startComparison(
        { image, imagePath: "p.png", agents: [{ loaded: knn }], seed: 1, isolation },
        () => {},
        (_n, _r, _t, s) => plain.push(s),
      ).done;
      expect(plain).toEqual([undefined]);
    });
  }
});
