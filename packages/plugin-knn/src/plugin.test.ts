import { createRng, prepareTask } from "@colorize/core";
import { describePlugin } from "@colorize/core/testing";
import { describe, expect, it } from "vitest";
import { knnPlugin } from "./plugin.js";
import { SEARCH_STRATEGIES } from "./search.js";

// The whole kit with the default search (a kd-tree) and with the brute-force reference.
describePlugin(knnPlugin);
describePlugin(knnPlugin, { config: { search: "brute-force" } });

const ctx = { seed: 0, rng: createRng(0) };

function photoLike(width: number, height: number, seed: number) {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const base = x < 6 || y < 4 ? 0 : 60 + ((x * 3 + y * 5) % 120);
      data[o] = base ? Math.min(255, base + rng.int(40)) : 0;
      data[o + 1] = base ? Math.min(255, (base >> 1) + rng.int(30)) : 0;
      data[o + 2] = base ? rng.int(200) : 0;
    }
  }
  return { width, height, data };
}

describe("the plugin's search strategies", () => {
  it("all predict the brute-force labels and report what ran", async () => {
    const task = prepareTask(photoLike(48, 30, 3), { k: 5, seed: 0 });
    const reference = knnPlugin.create({ search: "brute-force" });
    const refFit = await reference.fit(task.train, ctx);
    expect(refFit.backend).toBe("js:brute-force");
    const expected = (await reference.predict(task.test, ctx)).labels!;
    for (const search of SEARCH_STRATEGIES.filter((s) => s !== "brute-force")) {
      const agent = knnPlugin.create({ search });
      const fit = await agent.fit(task.train, ctx);
      expect(fit.backend).toMatch(search === "kd-tree-js" ? /^js:kd-tree$/ : /^(wasm-simd|js):kd-tree$/);
      expect(fit.facts?.distinctPatches).toBeLessThanOrEqual(task.train.width * task.train.height);
      const p = await agent.predict(task.test, ctx);
      expect(p.backend).toMatch(/kd-tree x\d threads?$/);
      expect(Array.from(p.labels!)).toEqual(Array.from(expected));
      const restored = knnPlugin.restore(JSON.parse(JSON.stringify(agent.toJSON())));
      expect(Array.from((await restored.predict(task.test, ctx)).labels!)).toEqual(Array.from(expected));
    }
  });
});
