import { createRng, prepareTask } from "@colorize/core";
import { describePlugin } from "@colorize/core/testing";
import { describe, expect, it } from "vitest";
import { knnPlugin } from "./plugin.js";
import { SEARCH_STRATEGIES } from "./search.js";
import { clearSearchMemo, searchMemoHits } from "./search-memo.js";

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

describe("the memo of searches (several seeds of one photograph)", () => {
  it("answers a second seed's search from the first's neighbours, with that seed's palette", async () => {
    clearSearchMemo();
    const image = photoLike(60, 36, 5);
    const fresh = async (seed: number) => {
      clearSearchMemo();
      const task = prepareTask(image, { k: 5, seed });
      const agent = knnPlugin.create({});
      await agent.fit(task.train, ctx);
      return (await agent.predict(task.test, ctx)).labels!;
    };
    const expected = [await fresh(0), await fresh(1), await fresh(2)];
    // Seeds 1 and 2 give other palettes, so other labels: a memo of labels would be caught.
    expect(Array.from(expected[1])).not.toEqual(Array.from(expected[0]));
    clearSearchMemo();
    for (const seed of [0, 1, 2]) {
      const task = prepareTask(image, { k: 5, seed });
      const agent = knnPlugin.create({});
      const fit = await agent.fit(task.train, ctx);
      const p = await agent.predict(task.test, ctx);
      expect(Array.from(p.labels!)).toEqual(Array.from(expected[seed]));
      expect(p.backend).toMatch(/kd-tree x\d threads?$/);
      // One index hit and one search hit for each of seeds 1 and 2.
      expect(searchMemoHits()).toBe(2 * seed);
      if (seed > 0) expect(fit.facts?.indexSeconds).toBe(0);
    }
  });

  it("searches again when one gray value of either band differs", async () => {
    const image = photoLike(60, 36, 6);
    const task = prepareTask(image, { k: 5, seed: 0 });
    clearSearchMemo();
    await knnPlugin.create({}).fit(task.train, ctx);
    const first = knnPlugin.create({});
    await first.fit(task.train, ctx);
    await first.predict(task.test, ctx);
    const hits = searchMemoHits();
    // The test band with one pixel's gray changed by 1 (x 100): its own search, brute force's answer.
    const gray100 = task.test.gray100.slice();
    gray100[37] += 1;
    const changed = { ...task.test, gray100 };
    const agent = knnPlugin.create({});
    await agent.fit(task.train, ctx);
    const p = await agent.predict(changed, ctx);
    const reference = knnPlugin.create({ search: "brute-force" });
    await reference.fit(task.train, ctx);
    expect(Array.from(p.labels!)).toEqual(Array.from((await reference.predict(changed, ctx)).labels!));
    // Only the index was reused (same training band); the changed test band was searched afresh.
    expect(searchMemoHits()).toBe(hits + 1);
    // And a changed training band builds its own index.
    const train100 = task.train.gray100.slice();
    train100[0] += 1;
    const before = searchMemoHits();
    await knnPlugin.create({}).fit({ ...task.train, gray100: train100 }, ctx);
    expect(searchMemoHits()).toBe(before);
  });

  it("answers a study's search for fewer neighbours from one for more", async () => {
    const task = prepareTask(photoLike(60, 36, 7), { k: 5, seed: 0 });
    clearSearchMemo();
    const config = { neighbours: 6, patchSize: 3, search: "auto" };
    const many = await knnPlugin.study!.prepare(task.train, task.test, config, { values: [16] });
    const hits = searchMemoHits();
    const few = await knnPlugin.study!.prepare(task.train, task.test, config, { values: [6] });
    expect(searchMemoHits()).toBe(hits + 1);
    clearSearchMemo();
    const alone = await knnPlugin.study!.prepare(task.train, task.test, config, { values: [6] });
    const labels = task.train.labels;
    expect(Array.from(few(6, labels, 5))).toEqual(Array.from(alone(6, labels, 5)));
    expect(Array.from(many(6, labels, 5))).toEqual(Array.from(alone(6, labels, 5)));
  });

  it("keeps searches within its byte budget, dropping the oldest first", async () => {
    const a = prepareTask(photoLike(60, 36, 8), { k: 5, seed: 0 });
    const b = prepareTask(photoLike(60, 36, 9), { k: 5, seed: 0 });
    const config = { neighbours: 6, patchSize: 3, search: "auto" };
    const bytes = 4 * (a.train.gray100.length + a.test.gray100.length + 6 * a.test.gray100.length);
    const run = async (task: typeof a) => {
      const before = searchMemoHits();
      await knnPlugin.study!.prepare(task.train, task.test, config, { values: [6] });
      return searchMemoHits() > before;
    };
    // Room for one search: b's pushes a's out.
    clearSearchMemo(bytes);
    expect(await run(a)).toBe(false);
    expect(await run(a)).toBe(true);
    expect(await run(b)).toBe(false);
    expect(await run(a)).toBe(false);
    // Room for two: both stay.
    clearSearchMemo(2 * bytes);
    await run(a);
    await run(b);
    expect(await run(a)).toBe(true);
    expect(await run(b)).toBe(true);
    // Room for none: nothing is kept.
    clearSearchMemo(bytes - 1);
    await run(a);
    expect(await run(a)).toBe(false);
    clearSearchMemo();
  });
});
