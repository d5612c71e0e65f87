import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeOutput, cropColumns, type RgbImage, toGray } from "@colorize/core";
import { readImage } from "@colorize/image-io";
import {
  applyAgent,
  discoverPlugins,
  type EngineEvent,
  findRole,
  readSnapshotFile,
  restoreSnapshot,
  startComparison,
} from "@colorize/runtime";
import { syntheticImage } from "@colorize/runtime/testing";
import { afterAll, describe, expect, it } from "vitest";
import { foldEvent, newRun } from "./run-reducer.js";
import { keepingSnapshots, safeName, saveRun, type TrainedAgent, timestamp } from "./save.js";
import type { RunState } from "./state.js";
import { fakeMetrics, fakeResult } from "./testing/fakes.js";

const root = mkdtempSync(join(tmpdir(), "colorize-dashboard-save-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const when = new Date(2026, 0, 2, 3, 4, 5);

function run(): RunState {
  let r = newRun({ imagePath: "/photos/my photo.png", agents: ["knn", "mlp", "slow"], k: 5, seed: 0, at: 0 });
  r = foldEvent(r, { type: "start", image: { path: "/photos/my photo.png", width: 4, height: 2 } }, 0);
  r = foldEvent(r, { type: "split", column: 2, trainWidth: 2, testWidth: 2, validationColumns: 0 }, 0);
  r = foldEvent(
    r,
    {
      type: "palette",
      palette: [
        [0, 0, 0],
        [255, 255, 255],
      ],
      source: "kmeans",
      k: 2,
    },
    0,
  );
  r = foldEvent(r, { type: "baseline", name: "gray", metrics: fakeMetrics(1) }, 0);
  r = foldEvent(
    r,
    {
      type: "baseline",
      name: "paletteCeiling",
      metrics: { ...fakeMetrics(2), psnr: Number.POSITIVE_INFINITY },
    },
    0,
  );
  r = foldEvent(r, { type: "result", result: fakeResult("knn", fakeMetrics(3), 1) }, 1);
  r = foldEvent(r, { type: "error", agent: "mlp", message: "cancelled", cancelled: true }, 2);
  r = foldEvent(r, { type: "agent-start", agent: "slow", index: 2, total: 3 }, 3);
  const picture = { width: 4, height: 2, data: Uint8Array.from({ length: 24 }, (_, i) => i * 10) };
  return { ...r, outputs: { knn: picture } };
}

describe("saveRun", () => {
  it("writes each finished agent's PNG and results.json in a new folder named after the image and time", async () => {
    const { folder, files } = await saveRun(run(), join(root, "out"), when);
    expect(folder).toBe(join(root, "out", "my_photo-20260102-030405"));
    expect(files).toBe(1);
    expect(readdirSync(join(root, "out"))).toEqual(["my_photo-20260102-030405"]);
    expect(readdirSync(folder).sort()).toEqual(["knn.png", "results.json"]);
    const png = await readImage(join(folder, "knn.png"));
    expect([...png.data]).toEqual(Array.from({ length: 24 }, (_, i) => i * 10));
    const doc = JSON.parse(readFileSync(join(folder, "results.json"), "utf8"));
    expect(Object.keys(doc)).toEqual([
      "image",
      "split",
      "palette",
      "agents",
      "baselines",
      "errors",
      "outputs",
    ]);
    expect(doc.split).toEqual({ column: 2, validationColumns: 0 });
    expect(doc.agents.map((a: { name: string }) => a.name)).toEqual(["knn"]);
    expect(doc.agents[0].metrics).toEqual(fakeMetrics(3));
    expect(doc.baselines.paletteCeiling.psnr).toBeNull();
    expect(doc.errors).toEqual([{ agent: "mlp", message: "cancelled", cancelled: true }]);
    expect(doc.outputs).toEqual({ knn: "knn.png" });
  });

  it("never overwrites an earlier save of the same second", async () => {
    const { folder } = await saveRun(run(), join(root, "out"), when);
    expect(folder).toBe(join(root, "out", "my_photo-20260102-030405-2"));
  });

  it("leaves nothing behind when a file cannot be written", async () => {
    const bad = { ...run(), outputs: { knn: { width: 4, height: 2, data: new Uint8Array(5) } } };
    await expect(saveRun(bad, join(root, "bad"), when)).rejects.toThrow(
      /cannot encode a 4x2 image from 5 bytes/,
    );
    expect(readdirSync(join(root, "bad"))).toEqual([]);
  });

  it("refuses to save before any agent finished", async () => {
    await expect(saveRun({ ...run(), outputs: {} }, join(root, "none"), when)).rejects.toThrow(
      "nothing to save yet",
    );
  });
});

describe("saving trained agents", () => {
  it("writes each finished agent's snapshot, which colorize apply restores to the same right half", async () => {
    const plugins = await discoverPlugins({ onProblem: () => {} });
    const knn = findRole(plugins, "basic")!;
    const image = syntheticImage(24, 10, 3);
    const kept = new Map<string, TrainedAgent>();
    const events: EngineEvent[] = [];
    let predicted: Uint8Array = new Uint8Array(0);
    let picture: RgbImage = { width: 0, height: 0, data: new Uint8Array(0) };
    const start = keepingSnapshots(startComparison, kept);
    const options = { image, imagePath: "/photos/street.png", agents: [{ loaded: knn }], k: 3, seed: 2 };
    const { done } = start(
      options,
      (e) => events.push(e),
      (_agent, rgb, task) => {
        predicted = rgb;
        picture = composeOutput(task, rgb);
      },
    );
    await done;
    let r = newRun({ imagePath: options.imagePath, agents: ["knn"], k: 3, seed: 2, at: 0 });
    for (const e of events) r = foldEvent(r, e, 0);
    r = { ...r, original: image, outputs: { knn: picture } };
    const { folder } = await saveRun(r, join(root, "agents"), when, kept);
    expect(readdirSync(folder).sort()).toEqual(["knn.agent.json", "knn.png", "results.json"]);
    const doc = await readSnapshotFile(join(folder, "knn.agent.json"));
    expect(doc.training).toMatchObject({
      image: "street.png",
      width: 24,
      height: 10,
      region: "left",
      columns: [0, 12],
    });
    expect(doc.metrics.strip).toBeNull();
    expect(doc.metrics.rightHalf).toEqual(r.agents[0].result?.metrics);
    const { agent, palette } = restoreSnapshot(doc, plugins, "knn.agent.json");
    const right = toGray(cropColumns(image, 12, 24));
    const applied = await applyAgent(
      agent,
      "label",
      right,
      { gray: doc.training.gray, paletteSize: palette.size },
      { seed: doc.seed },
    );
    expect(Buffer.from(applied.rgb).equals(Buffer.from(predicted))).toBe(true);
    // A new run forgets the agents of the last one.
    start(
      { ...options, agents: [] },
      () => {},
      () => {},
    );
    expect(kept.size).toBe(0);
  });
});

describe("names", () => {
  it("formats local time and makes names safe as file names", () => {
    expect(timestamp(when)).toBe("20260102-030405");
    expect(safeName("a/b c")).toBe("a_b_c");
    expect(safeName("..hidden")).toBe("_hidden");
  });
});
