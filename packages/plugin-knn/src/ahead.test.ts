import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRng, grayHalves, parseConfig, prepareTask } from "@colorize/core";
import { afterEach, describe, expect, it } from "vitest";
import { aheadIndex, cancelAhead, joinAhead, startAhead } from "./ahead.js";
import { knnPlugin } from "./plugin.js";
import { closeWorkers, defaultThreads, idleWorkers, liveWorkers, workerScript } from "./run-threads.js";
import { clearSearchMemo } from "./search-memo.js";

const ctx = { seed: 0, rng: createRng(0) };

// Halves of 150 x 100: 15 000 x 15 000 patches, above the threaded-search threshold.
function photo(seed: number, width = 300, height = 100) {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    data[i * 3] = (x * 7 + y * 3 + rng.int(60)) & 255;
    data[i * 3 + 1] = (y * 5 + rng.int(90)) & 255;
    data[i * 3 + 2] = (x * y + rng.int(40)) & 255;
  }
  return { width, height, data };
}

async function plain(image: ReturnType<typeof photo>) {
  clearSearchMemo();
  const task = prepareTask(image, { k: 5, seed: 0 });
  const agent = knnPlugin.create({});
  await agent.fit(task.train, ctx);
  return { task, labels: Array.from((await agent.predict(task.test, ctx)).labels!) };
}

const threaded = workerScript() !== undefined && defaultThreads() > 1;

afterEach(() => {
  cancelAhead();
  clearSearchMemo();
});

describe.runIf(threaded)("the search ahead (the basic agent told both halves' gray first)", () => {
  it("builds the index on a worker and gives the labels of a search it was never told of", async () => {
    const image = photo(1);
    const { labels: expected } = await plain(image);
    clearSearchMemo();
    const config = parseConfig(knnPlugin.params, {});
    knnPlugin.ahead?.(grayHalves(image), config);
    const task = prepareTask(image, { k: 5, seed: 0 });
    const agent = knnPlugin.create({});
    const fit = await agent.fit(task.train, ctx);
    expect(fit.facts?.indexBuilt).toBe("ahead, on a worker thread");
    const p = await agent.predict(task.test, ctx);
    expect(p.backend).toMatch(/^wasm-simd:kd-tree x\d+ threads$/);
    expect(Array.from(p.labels!)).toEqual(expected);
    // Every thread of it went back to idle.
    expect(idleWorkers()).toBeGreaterThanOrEqual(defaultThreads() - 1);
  });

  it("is stopped, and not used, when the agent fits another band or predicts another", async () => {
    const a = photo(2);
    const b = photo(3);
    const { labels: expectedB } = await plain(b);
    clearSearchMemo();
    knnPlugin.ahead?.(grayHalves(a), parseConfig(knnPlugin.params, {}));
    const task = prepareTask(b, { k: 5, seed: 0 });
    const agent = knnPlugin.create({});
    const fit = await agent.fit(task.train, ctx);
    expect(fit.facts?.indexBuilt).toBeUndefined();
    expect(Array.from((await agent.predict(task.test, ctx)).labels!)).toEqual(expectedB);

    // Same training band, another test band: the index is taken, the search is not.
    const bands = grayHalves(a);
    const other = grayHalves(b).test;
    expect(startAhead(bands.train, bands.test, 3, "auto", 6)).toBe(true);
    const index = await aheadIndex(bands.train, 3, "auto");
    expect(index?.distinctTrain).toBeGreaterThan(0);
    expect(joinAhead(bands.train, other, 3, "auto", 6)).toBeUndefined();
    // More neighbours than were searched ahead: not answered either.
    expect(startAhead(bands.train, bands.test, 3, "auto", 6)).toBe(true);
    expect(joinAhead(bands.train, bands.test, 3, "auto", 7)).toBeUndefined();
  });

  it("keeps the search under way when told of it again, starting no second worker", async () => {
    await closeWorkers();
    const bands = grayHalves(photo(8));
    expect(startAhead(bands.train, bands.test, 3, "auto", 6)).toBe(true);
    const live = liveWorkers();
    expect(startAhead(bands.train, bands.test, 3, "auto", 4)).toBe(true);
    expect(startAhead(bands.train, bands.test, 3, "auto", 6)).toBe(true);
    expect(liveWorkers()).toBe(live);
    const r = await joinAhead(bands.train, bands.test, 3, "auto", 6)!;
    expect(r.k).toBe(6);
  });

  it("answers an equal search for fewer neighbours and the sorted distances of every query", async () => {
    const image = photo(4);
    const bands = grayHalves(image);
    expect(startAhead(bands.train, bands.test, 3, "kd-tree", 6)).toBe(true);
    const joined = joinAhead(bands.train, bands.test, 3, "kd-tree", 4);
    expect(joined).toBeDefined();
    const r = await joined!;
    expect(r.k).toBe(6);
    for (let q = 0; q < r.dist2.length / r.k; q++)
      for (let j = 1; j < r.k; j++)
        expect(r.dist2[q * r.k + j]).toBeGreaterThanOrEqual(r.dist2[q * r.k + j - 1]);
  });

  it("rejects with an AbortError when the join is aborted, leaving no worker running it", async () => {
    const image = photo(5, 600, 200);
    const bands = grayHalves(image);
    expect(startAhead(bands.train, bands.test, 3, "auto", 6)).toBe(true);
    const controller = new AbortController();
    const joined = joinAhead(bands.train, bands.test, 3, "auto", 6, { signal: controller.signal })!;
    controller.abort();
    await expect(joined).rejects.toMatchObject({ name: "AbortError" });
    // Its threads were terminated: every live worker is an idle one.
    expect(liveWorkers()).toBe(idleWorkers());
  });

  it("stops when the fit waiting for its index is aborted, and the agent then answers without it", async () => {
    const image = photo(7);
    const { labels: expected } = await plain(image);
    clearSearchMemo();
    knnPlugin.ahead?.(grayHalves(image), parseConfig(knnPlugin.params, {}));
    const task = prepareTask(image, { k: 5, seed: 0 });
    const controller = new AbortController();
    const agent = knnPlugin.create({});
    const fit = agent.fit(task.train, { ...ctx, signal: controller.signal });
    controller.abort();
    await expect(fit).rejects.toMatchObject({ name: "AbortError" });
    // Nothing is left ahead for these bands: a new agent builds its own index.
    const bands = grayHalves(image);
    expect(aheadIndex(bands.train, 3, "auto")).toBeUndefined();
    const again = knnPlugin.create({});
    expect((await again.fit(task.train, ctx)).facts?.indexBuilt).toBeUndefined();
    expect(Array.from((await again.predict(task.test, ctx)).labels!)).toEqual(expected);
  });

  it("boots the search's worker threads when warmed, for a threaded strategy only", async () => {
    await closeWorkers();
    knnPlugin.warm?.(parseConfig(knnPlugin.params, { search: "brute-force" }));
    knnPlugin.warm?.(parseConfig(knnPlugin.params, { search: "kd-tree-1t" }));
    expect(idleWorkers()).toBe(0);
    knnPlugin.warm?.(parseConfig(knnPlugin.params, {}));
    expect(idleWorkers()).toBe(defaultThreads() - 1);
    // Warming twice starts no more.
    knnPlugin.warm?.(parseConfig(knnPlugin.params, { search: "kd-tree" }));
    expect(idleWorkers()).toBe(defaultThreads() - 1);
  });

  it("does not start for a search too small to thread, a band too large, or a strategy it does not serve", () => {
    const small = grayHalves(photo(6, 40, 20));
    expect(startAhead(small.train, small.test, 3, "auto", 6)).toBe(false);
    const flat = (width: number, height: number) => ({
      width,
      height,
      gray100: new Int32Array(width * height),
    });
    expect(startAhead(flat(1024, 2048), flat(1024, 2048), 3, "auto", 6)).toBe(true);
    expect(startAhead(flat(1024, 2048), flat(1025, 2048), 3, "auto", 6)).toBe(false);
    const bands = grayHalves(photo(6));
    for (const s of ["kd-tree-1t", "kd-tree-js", "brute-force"])
      expect(startAhead(bands.train, bands.test, 3, s, 6)).toBe(false);
  });

  // Runs a module in a fresh process (a module file, not -e: an evaluated script does not wait
  // for its workers either way); a timeout only catches a hang.
  const runModule = (script: string) => {
    const dir = mkdtempSync(join(tmpdir(), "colorize-ahead-"));
    const file = join(dir, "told.mjs");
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
    return r;
  };
  const built = (name: string) =>
    JSON.stringify(pathToFileURL(fileURLToPath(new URL(`../${name}`, import.meta.url))).href);
  const imports = `
      const { knnPlugin } = await import(${built("dist/index.js")});
      const { aheadIndex } = await import(${built("dist/ahead.js")});
      const core = await import(${built("../core/dist/index.js")});
      const noise = (w, h, seed) => {
        const rng = core.createRng(seed), data = new Uint8Array(w * h * 3);
        for (let i = 0; i < data.length; i++) data[i] = rng.int(256);
        return { width: w, height: h, data };
      };`;

  it("never keeps the process alive when no agent takes it", () => {
    // A million noise patches among a million on one worker: minutes of search. The process must
    // end with its main module instead.
    const r = runModule(`${imports}
      const bands = core.grayHalves(noise(2000, 1000, 7));
      knnPlugin.ahead(bands, core.parseConfig(knnPlugin.params, {}));
      // An agent that took the index and never predicted.
      await aheadIndex(bands.train, 3, "auto");
      console.log("told");`);
    expect(r.signal).toBeNull();
    expect(r.stdout.trim()).toBe("told");
    expect(r.status).toBe(0);
  });

  it("lets the process end when the worker answered every band before the agent joined", () => {
    const r = runModule(`${imports}
      const image = noise(240, 200, 3);
      knnPlugin.ahead(core.grayHalves(image), core.parseConfig(knnPlugin.params, {}));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const task = core.prepareTask(image, { k: 5, seed: 0 });
      const agent = knnPlugin.create({});
      const ctx = { seed: 0, rng: core.createRng(0) };
      const fit = await agent.fit(task.train, ctx);
      await agent.predict(task.test, ctx);
      console.log(fit.facts.indexBuilt);`);
    expect(r.signal).toBeNull();
    expect(r.stdout.trim()).toBe("ahead, on a worker thread");
    expect(r.status).toBe(0);
  });
});

afterEach(async () => {
  await closeWorkers();
});
